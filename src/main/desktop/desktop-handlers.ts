import type { Handlers } from '../../shared/contract';
import type { DesktopState, NavTarget, SyncReport } from '../../shared/desktop';
import type { NotificationCenter } from './notification-center';
import type { SyncGate } from './sync-gate';
import type { UpdateController } from './update-controller';

export interface DesktopHandlerDeps {
  updates: UpdateController;
  gate: SyncGate;
  notifications: NotificationCenter;
  setBadge(count: number): void;
  reportSync(report: SyncReport): void;
}

export function desktopState(deps: Pick<DesktopHandlerDeps, 'updates' | 'gate'>): DesktopState {
  return { available: true, update: deps.updates.state(), syncPaused: deps.gate.isPaused() };
}

/** The `desktop` namespace of the contract in the Electron app: plain calls into the shell's parts. */
export function desktopHandlers(deps: DesktopHandlerDeps): Handlers<'desktop'> {
  return {
    state: () => desktopState(deps),
    checkForUpdates: () => deps.updates.check(),
    downloadUpdate: () => deps.updates.download(),
    installUpdate: () => {
      deps.updates.install();
      return null;
    },
    setSyncPaused: async ({ paused }) => {
      await deps.gate.setPaused(paused);
      return desktopState(deps);
    },
    setBadgeCount: ({ count }) => {
      deps.setBadge(count);
      return null;
    },
    reportSync: (report) => {
      deps.reportSync(report);
      return null;
    },
    notify: ({ kind, title, body, target }) => {
      deps.notifications.show({ kind, title, body, target: target satisfies NavTarget });
      return null;
    },
  };
}
