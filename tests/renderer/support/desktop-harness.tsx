/**
 * A signed-in renderer over the real main-process services (in process,
 * offline), with the desktop namespace's OS-facing calls recorded instead of
 * reaching an OS: notify, setBadgeCount and reportSync. Shared by the tests
 * of what the renderer tells the desktop shell (activity, the bridge).
 */
import { cleanup as unmountAll, render } from '@testing-library/react';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import type { i18n as I18n } from 'i18next';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { ApiContext } from '../../../src/renderer/src/app/api-context';
import { SessionContext } from '../../../src/renderer/src/app/session-context';
import { DataProvider } from '../../../src/renderer/src/data/data-context';
import { openDb, type CollectiveBrainDb } from '../../../src/renderer/src/data/db';
import type { SyncEngine, SyncStatus } from '../../../src/renderer/src/data/sync-engine';
import { createI18n } from '../../../src/renderer/src/i18n';
import type { Services } from '../../../src/main/services';
import { createDispatcher } from '../../../src/main/services/dispatcher';
import type { EventBus } from '../../../src/main/services/events';
import { buildApi } from '../../../src/shared/api-builder';
import type { Api, SessionStatus } from '../../../src/shared/contract';
import type { NotificationRequest, SyncReport } from '../../../src/shared/desktop';
import { startInProcessApp } from '../../support/in-process';
import { makeTempDir } from '../../support/temp-dir';
import { ME } from '../forum/harness';

export const SIGNED_IN_AS = { id: ME, displayName: 'Sam Taylor' } as const;

export const SIGNED_IN: SessionStatus = {
  state: 'signed-in',
  serverUrl: 'http://127.0.0.1:9',
  secretsEncrypted: true,
  user: {
    id: SIGNED_IN_AS.id,
    email: 'me@example.org',
    displayName: SIGNED_IN_AS.displayName,
    roles: ['participant'],
    contentLanguages: ['en'],
  },
};

export interface DesktopHarness {
  api: Api;
  db: CollectiveBrainDb;
  i18n: I18n;
  services: Services;
  events: EventBus;
  /** What the renderer asked the OS to show, the badge counts it set and the sync states it reported. */
  notified: NotificationRequest[];
  badges: number[];
  reports: SyncReport[];
  /** Renders `node` inside the app's providers, signed in as SIGNED_IN. */
  show: (node: ReactNode) => void;
}

const opened: (() => Promise<void>)[] = [];
let counter = 0;

/**
 * A fresh profile and IndexedDB. `desktop: false` is browser mode (no desktop shell to notify through).
 * Call `closeDesktopHarnesses` after each test.
 */
export async function openDesktopHarness({ desktop = true }: { desktop?: boolean } = {}): Promise<DesktopHarness> {
  const { dir, cleanup } = await makeTempDir('cb-desktop-');
  const { services, events } = await startInProcessApp(dir, ['en-US'], { offline: true });
  const notified: NotificationRequest[] = [];
  const badges: number[] = [];
  const reports: SyncReport[] = [];
  const api = buildApi(
    createDispatcher({
      ...services.handlers,
      desktop: {
        ...services.handlers.desktop,
        state: () => ({
          available: desktop,
          update: { status: 'unsupported', reason: 'browser' },
          syncPaused: false,
        }),
        notify: (request) => {
          notified.push(request);
          return null;
        },
        setBadgeCount: ({ count }) => {
          badges.push(count);
          return null;
        },
        reportSync: (report) => {
          reports.push(report);
          return null;
        },
      },
    }),
    (event, listener) =>
      events.subscribe((name, payload) => {
        if (name === event) listener(payload);
      }),
  );
  counter += 1;
  const db = openDb(`desktop-harness-${String(counter)}`, { indexedDB: new IDBFactory(), IDBKeyRange });
  const i18n = await createI18n('en');
  opened.push(async () => {
    unmountAll();
    await services.close();
    db.close();
    await cleanup();
  });
  return {
    api,
    db,
    i18n,
    services,
    events,
    notified,
    badges,
    reports,
    show: (node) => {
      render(
        <I18nextProvider i18n={i18n}>
          <ApiContext.Provider value={api}>
            <SessionContext.Provider value={SIGNED_IN}>
              <DataProvider api={api} db={db}>
                {node}
              </DataProvider>
            </SessionContext.Provider>
          </ApiContext.Provider>
        </I18nextProvider>,
      );
    },
  };
}

export async function closeDesktopHarnesses(): Promise<void> {
  for (const close of opened.splice(0)) await close();
}

export const IDLE_SYNC: SyncStatus = {
  phase: 'idle',
  pulledPages: 0,
  pulledChanges: 0,
  pulledBytes: 0,
  pushed: 0,
  rejected: 0,
  conflicts: 0,
  lastSuccessAt: null,
  error: null,
  retryAt: null,
};

/** A sync engine whose runs the test ends: only the status that watchers read (current, subscribe). */
export class ScriptedEngine {
  private status: SyncStatus = IDLE_SYNC;
  private runs = 0;
  private readonly listeners = new Set<(status: SyncStatus) => void>();

  current(): SyncStatus {
    return this.status;
  }

  subscribe(listener: (status: SyncStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A sync run that ended well, at `at` (by default now, a new time at each call). */
  synced(at?: string): void {
    this.runs += 1;
    this.set({ phase: 'idle', lastSuccessAt: at ?? new Date(Date.now() + this.runs).toISOString() });
  }

  /** The server refused `count` more writes in this run (their drafts are written). */
  refused(count: number): void {
    this.set({ rejected: this.status.rejected + count });
  }

  private set(change: Partial<SyncStatus>): void {
    this.status = { ...this.status, ...change };
    for (const listener of this.listeners) listener(this.status);
  }

  /** For hooks typed with the real engine: only current() and subscribe() are read. */
  asEngine(): SyncEngine {
    return this as unknown as SyncEngine;
  }
}
