import type { Api } from '../../../shared/contract';
import { ALWAYS_CONNECTED, type HostConnection } from './host-link';
import { contractSocketUrl, createWsApi, takeLaunchSecret } from './ws-client';

declare global {
  interface Window {
    /** Present in Electron, exposed by the preload. */
    readonly api?: Api;
  }
}

export type ApiResolution = { kind: 'ready'; api: Api; connection: HostConnection } | { kind: 'missing-secret' };

/** Electron's preload API when there is one, the browser-mode WebSocket otherwise. */
export function resolveApi(): ApiResolution {
  if (window.api !== undefined) return { kind: 'ready', api: window.api, connection: ALWAYS_CONNECTED };
  const secret = takeLaunchSecret(window.location, window.sessionStorage, window.history);
  if (secret === null) return { kind: 'missing-secret' };
  const { api, connection } = createWsApi(contractSocketUrl(window.location), secret, {
    // A restarted host prints a new address; opened in this tab, only the fragment changes.
    watchSecret: (onSecret) => {
      const read = (): void => {
        if (!/(?:^#|&)secret=/u.test(window.location.hash)) return;
        const next = takeLaunchSecret(window.location, window.sessionStorage, window.history);
        if (next !== null) onSecret(next);
      };
      window.addEventListener('hashchange', read);
      return () => window.removeEventListener('hashchange', read);
    },
  });
  return { kind: 'ready', api, connection };
}
