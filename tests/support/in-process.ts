import type { Api } from '../../src/shared/contract';
import { buildApi } from '../../src/shared/api-builder';
import { createNodeHost } from '../../src/main/host/node-host';
import { createServices, type Services } from '../../src/main/services';
import { createDispatcher, type Dispatch } from '../../src/main/services/dispatcher';
import { EventBus } from '../../src/main/services/events';

export interface InProcessApp {
  api: Api;
  dispatch: Dispatch;
  services: Services;
  events: EventBus;
}

/**
 * The real main-process services on a Node host in `profileDir`, reached
 * through the same dispatcher and api builder the app uses: only the
 * transport (IPC / WebSocket) is left out.
 */
export async function startInProcessApp(
  profileDir: string,
  systemLanguages?: string[],
  options: { offline?: boolean } = {},
): Promise<InProcessApp> {
  const base = createNodeHost({
    appName: 'Collective Brain',
    appVersion: '0.0.0-test',
    profileDir,
    log: () => undefined,
  });
  const host = {
    ...base,
    ...(systemLanguages !== undefined ? { systemLanguages: () => systemLanguages } : {}),
    // A computer with no network: every request fails at once, as fetch does when offline.
    ...(options.offline === true ? { fetch: () => Promise.reject(new TypeError('Failed to fetch')) } : {}),
  };
  const events = new EventBus();
  const services = await createServices({ host, events });
  const dispatch = createDispatcher(services.handlers);
  const api = buildApi(dispatch, (event, listener) =>
    events.subscribe((name, payload) => {
      if (name === event) listener(payload);
    }),
  );
  return { api, dispatch, services, events };
}
