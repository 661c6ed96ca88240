import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef } from 'react';
import type { SyncReport } from '../../../../shared/desktop';
import { useApi } from '../../app/api-context';
import { useConnectivity } from '../../app/connectivity';
import { useSession } from '../../app/session-context';
import { useUiStore } from '../../app/ui-store';
import { useDb, useSyncEngine, useSyncStatus } from '../../data/data-context';
import type { SyncStatus } from '../../data/sync-engine';
import { useRefusedWriteNotifications } from './notifications';
import { useTranslationNotifications } from './translation-notifications';
import { takeHeldNavigation } from './held-navigation';
import { routeForTarget } from './nav-target';

/** What the tray says about sync, from the engine's status and whether the server answers. */
export function syncReportState(status: SyncStatus, reachable: boolean | null | undefined): SyncReport['state'] {
  if (status.error?.code === 'sync-paused') return 'paused';
  if (status.phase === 'paused') return 'needs-sign-in';
  if (reachable === false) return 'offline';
  if (status.phase === 'pulling' || status.phase === 'pushing') return 'syncing';
  if (status.error !== null) return 'offline';
  if (status.phase === 'standby') return 'standby';
  return 'synced';
}

/** Places from the desktop shell (deep links, notification clicks, menu items) reach the router. */
function useShellRequests(): void {
  const api = useApi();
  const navigate = useUiStore((state) => state.navigate);
  useEffect(() => {
    let live = true;
    // A request that came before this screen existed (a link that launched the app, a click before sign-in).
    void api.shell.takeNavigation().then((result) => {
      // The sign-in screen may have taken it already, looking for an invitation link.
      const target = (result.ok ? result.value : null) ?? takeHeldNavigation();
      if (live && target !== null) navigate(routeForTarget(target));
    });
    const offNavigate = api.on('shell.navigate', (target) => {
      navigate(routeForTarget(target));
      // Taken here: a screen mounting later must not open it again.
      void api.shell.takeNavigation();
    });
    return () => {
      live = false;
      offNavigate();
    };
  }, [api, navigate]);
}

/** Tells the tray how sync stands whenever that changes. */
function useSyncReport(): void {
  const api = useApi();
  const db = useDb();
  const status = useSyncStatus();
  const connectivity = useConnectivity();
  const waiting = useLiveQuery(() => db.outbox.count(), [db]) ?? 0;
  const state = syncReportState(status, connectivity?.reachable);
  const sent = useRef<string | null>(null);
  useEffect(() => {
    const key = `${state} ${String(waiting)}`;
    if (sent.current === key) return;
    sent.current = key;
    void api.desktop.reportSync({ state, waiting });
  }, [api, state, waiting]);
}

/**
 * The renderer's side of the desktop shell, with no UI of its own: it opens
 * what the shell asks for, keeps the tray's view of sync current, and asks
 * for system notifications about refused writes. Replies and mentions, and
 * the badge's count, come from the Activity feature (ActivityWatcher), the
 * one place that decides what concerns the user. In browser mode the same
 * events come over the WebSocket.
 */
export function DesktopBridge(): null {
  const api = useApi();
  const db = useDb();
  const engine = useSyncEngine();
  const session = useSession();
  useShellRequests();
  useSyncReport();
  useRefusedWriteNotifications({ api, db, engine });
  useTranslationNotifications({ api, db, engine, userId: session.user?.id });
  return null;
}
