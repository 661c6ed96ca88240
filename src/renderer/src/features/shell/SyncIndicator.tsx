import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { useConnectivity } from '../../app/connectivity';
import { useUiStore } from '../../app/ui-store';
import { useDb, useSyncStatus } from '../../data/data-context';

/** A glance at sync in the header: online or not, and what waits to be sent. Opens the sync center. */
export function SyncIndicator(): React.JSX.Element {
  const { t } = useTranslation('shell');
  const status = useSyncStatus();
  const db = useDb();
  const navigate = useUiStore((state) => state.navigate);
  const waiting = useLiveQuery(() => db.outbox.count(), [db]) ?? 0;
  const connectivity = useConnectivity();
  const state =
    status.error?.code === 'sync-paused'
      ? 'pausedByUser'
      : status.phase === 'paused'
        ? 'paused'
        : connectivity?.reachable === false
          ? 'offline'
          : status.phase === 'pulling' || status.phase === 'pushing'
            ? 'syncing'
            : status.error !== null
              ? 'offline'
              : status.phase === 'standby'
                ? 'standby'
                : 'synced';
  return (
    // Paused by the user looks like any pause (the same dot); its words say who paused it.
    <button
      type="button"
      className={`sync-indicator sync-${state === 'pausedByUser' ? 'paused' : state}`}
      onClick={() => navigate({ name: 'sync' })}
    >
      <span className="sync-dot" aria-hidden="true" />
      <span>{t(`sync.${state}`)}</span>
      {waiting > 0 ? <span className="sync-waiting">{t('sync.waiting', { count: waiting })}</span> : null}
    </button>
  );
}
