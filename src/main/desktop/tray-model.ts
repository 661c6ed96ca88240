import type { SyncReport } from '../../shared/desktop';
import type { DownloadSummary } from './download-activity';
import type { ShellText } from './shell-text';

export type TrayIcon = 'synced' | 'syncing' | 'offline' | 'paused' | 'attention';
export type TrayAction = 'open' | 'sync-now' | 'toggle-pause' | 'quit';

export type TrayItem =
  | { kind: 'info'; label: string }
  | { kind: 'separator' }
  | { kind: 'action'; action: TrayAction; label: string; enabled: boolean };

export interface TrayInput {
  appName: string;
  /** What the renderer last said about sync; null until it has said anything. */
  sync: SyncReport | null;
  /** The user paused sync from the tray. */
  paused: boolean;
  downloads: DownloadSummary;
}

export interface TrayView {
  icon: TrayIcon;
  tooltip: string;
  /** Text beside the icon in the macOS menu bar: the writes waiting, if any. */
  title: string;
  items: TrayItem[];
}

type TrayState = SyncReport['state'] | 'starting';

const STATE_KEY: Record<TrayState, string> = {
  synced: 'synced',
  syncing: 'syncing',
  offline: 'offline',
  paused: 'paused',
  'needs-sign-in': 'needsSignIn',
  standby: 'standby',
  starting: 'starting',
};

const STATE_ICON: Record<TrayState, TrayIcon> = {
  synced: 'synced',
  syncing: 'syncing',
  offline: 'offline',
  paused: 'paused',
  'needs-sign-in': 'attention',
  standby: 'synced',
  starting: 'synced',
};

/**
 * What the tray shows for a sync state: an icon, a tooltip and a menu whose
 * first lines say what sync is doing (state, writes waiting, download
 * progress), then Open, Sync now, Pause/Resume sync and Quit.
 */
export function trayView(input: TrayInput, text: ShellText): TrayView {
  const state: TrayState = input.paused ? 'paused' : (input.sync?.state ?? 'starting');
  const waiting = input.sync?.waiting ?? 0;
  const { downloads } = input;
  const info: string[] = [text.t(`tray.state.${STATE_KEY[state]}`)];
  if (waiting > 0) info.push(text.t('tray.waiting', { count: waiting, formatted: text.count(waiting) }));
  if (downloads.active > 0) {
    const fraction = downloads.totalBytes > 0 ? downloads.receivedBytes / downloads.totalBytes : 0;
    info.push(
      text.t('tray.downloading', {
        count: downloads.active,
        formatted: text.count(downloads.active),
        percent: text.percent(fraction),
      }),
    );
  }
  const icon: TrayIcon = STATE_ICON[state] === 'synced' && downloads.active > 0 ? 'syncing' : STATE_ICON[state];
  const canSync = !input.paused && state !== 'needs-sign-in';
  return {
    icon,
    tooltip: [input.appName, ...info].join('\n'),
    title: waiting > 0 ? text.count(waiting) : '',
    items: [
      ...info.map((label): TrayItem => ({ kind: 'info', label })),
      { kind: 'separator' },
      { kind: 'action', action: 'open', label: text.t('tray.open', { appName: input.appName }), enabled: true },
      { kind: 'action', action: 'sync-now', label: text.t('tray.syncNow'), enabled: canSync },
      {
        kind: 'action',
        action: 'toggle-pause',
        label: text.t(input.paused ? 'tray.resumeSync' : 'tray.pauseSync'),
        enabled: true,
      },
      { kind: 'separator' },
      { kind: 'action', action: 'quit', label: text.t('tray.quit'), enabled: true },
    ],
  };
}
