import { render, type RenderResult } from '@testing-library/react';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { ApiContext } from '../../../src/renderer/src/app/api-context';
import { SessionContext } from '../../../src/renderer/src/app/session-context';
import { DataProvider } from '../../../src/renderer/src/data/data-context';
import { openDb, type CollectiveBrainDb } from '../../../src/renderer/src/data/db';
import { createI18n } from '../../../src/renderer/src/i18n';
import { buildApi, type Invoke, type Subscribe } from '../../../src/shared/api-builder';
import type { Api, EventName, EventPayload, SessionStatus } from '../../../src/shared/contract';
import { fail, ok } from '../../../src/shared/result';
import { SettingsSchema, type Settings } from '../../../src/shared/settings';
import type { Role } from '../../../src/shared/wire/roles';

export interface Call {
  channel: string;
  input: unknown;
}

/**
 * A minimal typed stand-in for main: records every call, answers the few
 * the screens need, and lets a test emit events. Sync calls answer
 * "signed-out", which pauses the sync engine, so the outbox stays put.
 */
export function fakeApi(
  answers: Partial<Record<string, (input: unknown) => unknown>> = {},
  options: { reachable?: boolean } = {},
): { api: Api; calls: Call[]; emit: <E extends EventName>(event: E, payload: EventPayload<E>) => void } {
  const calls: Call[] = [];
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const invoke: Invoke = (channel, input) => {
    calls.push({ channel, input });
    const answer = answers[channel];
    if (answer !== undefined) return Promise.resolve(ok(answer(input)));
    switch (channel) {
      case 'files.states':
        return Promise.resolve(ok([]));
      case 'sync.connectivity':
        return Promise.resolve(ok({ reachable: options.reachable ?? true, checkedAt: null, lastReachableAt: null }));
      default:
        return Promise.resolve(fail('signed-out', 'not signed in (test)'));
    }
  };
  const subscribe: Subscribe = (event, listener) => {
    const set = listeners.get(event) ?? new Set();
    set.add(listener);
    listeners.set(event, set);
    return () => set.delete(listener);
  };
  const emit = <E extends EventName>(event: E, payload: EventPayload<E>): void => {
    for (const listener of listeners.get(event) ?? []) listener(payload);
  };
  return { api: buildApi(invoke, subscribe), calls, emit };
}

let counter = 0;
export function testDb(): CollectiveBrainDb {
  counter += 1;
  return openDb(`test-${String(counter)}-${String(Date.now())}`, { indexedDB: new IDBFactory(), IDBKeyRange });
}

// Parsed, so fields the schema gives a default need not be listed here.
export const settings: Settings = SettingsSchema.parse({
  uiLanguage: 'en',
  contentLanguages: ['es', 'en'],
  theme: 'light',
  serverUrl: 'http://127.0.0.1:8787',
  downloadPolicy: 'manual',
  storageCapMb: 2048,
});

export function sessionWith(roles: Role[]): SessionStatus {
  return {
    state: 'signed-in',
    serverUrl: settings.serverUrl,
    secretsEncrypted: true,
    user: {
      id: '0b8f4a52-5a34-4c64-9b55-0c8b3f3f0001',
      email: 'someone@example.org',
      displayName: 'Someone',
      roles,
      contentLanguages: settings.contentLanguages,
    },
  };
}

export async function renderScreen(
  ui: ReactNode,
  {
    api,
    db,
    roles = ['participant'],
    session = sessionWith(roles),
  }: { api: Api; db: CollectiveBrainDb; roles?: Role[]; session?: SessionStatus },
): Promise<RenderResult> {
  const i18n = await createI18n('en');
  return render(
    <I18nextProvider i18n={i18n}>
      <ApiContext.Provider value={api}>
        <SessionContext.Provider value={session}>
          <DataProvider api={api} db={db}>
            {ui}
          </DataProvider>
        </SessionContext.Provider>
      </ApiContext.Provider>
    </I18nextProvider>,
  );
}
