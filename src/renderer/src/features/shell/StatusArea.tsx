import { useTranslation } from 'react-i18next';
import { useUiStore } from '../../app/ui-store';
import { formatBytes, formatMoment, formatNumber, formatRelative } from '../../ui/format';
import { useNow } from '../../ui/use-now';
import { useWorkStatus } from './use-work-status';
import { workDetail, type WorkDetail, type WorkState } from './work-status';

/** Under a minute, "just now" reads better than "in 0 seconds" or "now". */
const JUST_NOW_MS = 60_000;

/**
 * The one status area (Thunderbird's status bar, Kolibri's device states): what the app is doing now, on two
 * short lines, and a way into the Sync center, where all of it is in full. The state's name is also announced
 * to screen readers when it changes (not every count, which would be noise).
 */
export function StatusArea(): React.JSX.Element {
  const { t, i18n } = useTranslation('shell');
  const locale = i18n.language;
  const navigate = useUiStore((state) => state.navigate);
  const now = useNow();
  const { state, input } = useWorkStatus();
  const detail = workDetail(state, input);
  const tone =
    state.kind === 'disconnected' ||
    state.kind === 'offline' ||
    state.kind === 'paused' ||
    state.kind === 'pausedByUser' ||
    state.kind === 'storageFull' ||
    state.kind === 'retrying'
      ? 'warning'
      : state.kind === 'synced' || state.kind === 'standby'
        ? 'calm'
        : 'busy';
  return (
    <div className="status-area">
      <button
        type="button"
        className={`status-button status-${tone}`}
        data-sync-state={state.kind}
        onClick={() => navigate({ name: 'sync' })}
      >
        <span className="status-dot" aria-hidden="true" />
        <span className="status-lines">
          <span className="status-primary">{primaryText(state, t, locale, now)}</span>
          {detail.kind === 'none' ? null : <span className="status-detail">{detailText(detail, t, locale, now)}</span>}
        </span>
      </button>
      <span className="visually-hidden" role="status">
        {t(`work.state.${state.kind}`)}
      </span>
    </div>
  );
}

type T = ReturnType<typeof useTranslation<'shell'>>['t'];

function primaryText(state: WorkState, t: T, locale: string, now: number): string {
  switch (state.kind) {
    case 'offline':
      return state.since === null
        ? t('work.state.offline')
        : t('work.offlineSince', { when: formatMoment(state.since, locale, now) });
    case 'sending':
      return t('work.sending', { count: state.count, formatted: formatNumber(state.count, locale) });
    case 'receiving':
      return state.count === 0
        ? t('work.state.receiving')
        : t('work.receiving', { count: state.count, formatted: formatNumber(state.count, locale) });
    case 'downloading':
      return t('work.downloading', {
        count: state.batch.totalFiles,
        done: formatNumber(state.batch.doneFiles, locale),
        formatted: formatNumber(state.batch.totalFiles, locale),
      });
    default:
      return t(`work.state.${state.kind}`);
  }
}

function detailText(detail: WorkDetail, t: T, locale: string, now: number): string {
  switch (detail.kind) {
    case 'conflicts':
      return t('work.detail.conflicts', { count: detail.count, formatted: formatNumber(detail.count, locale) });
    case 'waiting':
      return t('work.detail.waiting', { count: detail.count, formatted: formatNumber(detail.count, locale) });
    case 'bytes':
      return t('work.detail.bytes', {
        received: formatBytes(detail.received, locale),
        total: formatBytes(detail.total, locale),
      });
    case 'retry-at':
      return t('work.detail.retryAt', { when: formatMoment(detail.at, locale, now) });
    case 'last-sync':
      return now - Date.parse(detail.at) < JUST_NOW_MS
        ? t('work.detail.justSynced')
        : t('work.detail.lastSync', { when: formatRelative(detail.at, locale, now) });
    case 'never-synced':
      return t('work.detail.neverSynced');
    case 'none':
      return '';
  }
}
