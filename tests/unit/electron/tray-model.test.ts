import { describe, expect, it } from 'vitest';
import { DownloadActivity } from '../../../src/main/desktop/download-activity';
import { shellText } from '../../../src/main/desktop/shell-text';
import { trayView, type TrayInput, type TrayItem } from '../../../src/main/desktop/tray-model';
import type { DownloadState } from '../../../src/shared/contract';

const en = shellText('en');
const idle = { active: 0, receivedBytes: 0, totalBytes: 0 };

function input(patch: Partial<TrayInput> = {}): TrayInput {
  return {
    appName: 'Collective Brain',
    sync: { state: 'synced', waiting: 0 },
    paused: false,
    downloads: idle,
    ...patch,
  };
}

function labels(items: TrayItem[]): string[] {
  return items.map((item) =>
    item.kind === 'separator'
      ? '---'
      : item.kind === 'info'
        ? `(${item.label})`
        : `${item.label}${item.enabled ? '' : ' [off]'}`,
  );
}

describe('trayView', () => {
  it('says the app is up to date and offers Open, Sync now, Pause sync and Quit', () => {
    const view = trayView(input(), en);
    expect(view.icon).toBe('synced');
    expect(view.tooltip).toBe('Collective Brain\nUp to date');
    expect(view.title).toBe('');
    expect(labels(view.items)).toEqual([
      '(Up to date)',
      '---',
      'Open Collective Brain',
      'Sync Now',
      'Pause Sync',
      '---',
      'Quit',
    ]);
  });

  it.each([
    ['syncing', 'syncing', 'Syncing…'],
    ['offline', 'offline', 'Offline'],
    ['needs-sign-in', 'attention', 'Sign in needed'],
    ['standby', 'synced', 'Synced by another window'],
    ['paused', 'paused', 'Sync paused'],
  ] as const)('shows %s with the %s icon and says “%s”', (state, icon, text) => {
    const view = trayView(input({ sync: { state, waiting: 0 } }), en);
    expect(view.icon).toBe(icon);
    expect(view.items[0]).toEqual({ kind: 'info', label: text });
  });

  it('says it is starting until the window has reported', () => {
    const view = trayView(input({ sync: null }), en);
    expect(view.items[0]).toEqual({ kind: 'info', label: 'Starting…' });
  });

  it('counts the writes waiting, in the tooltip, the menu and (macOS) the menu bar', () => {
    const one = trayView(input({ sync: { state: 'offline', waiting: 1 } }), en);
    expect(one.tooltip).toBe('Collective Brain\nOffline\n1 write waiting to be sent');
    const many = trayView(input({ sync: { state: 'offline', waiting: 1234 } }), en);
    expect(many.items[1]).toEqual({ kind: 'info', label: '1,234 writes waiting to be sent' });
    expect(many.title).toBe('1,234');
  });

  it('shows download progress across the documents under way, with the syncing icon', () => {
    const view = trayView(input({ downloads: { active: 3, receivedBytes: 250, totalBytes: 1000 } }), en);
    expect(view.icon).toBe('syncing');
    expect(view.items[1]).toEqual({ kind: 'info', label: 'Downloading 3 documents: 25%' });
  });

  it('when paused by the user: says so, offers Resume, and no Sync now', () => {
    const view = trayView(input({ paused: true, sync: { state: 'synced', waiting: 2 } }), en);
    expect(view.icon).toBe('paused');
    expect(labels(view.items)).toEqual([
      '(Sync paused)',
      '(2 writes waiting to be sent)',
      '---',
      'Open Collective Brain',
      'Sync Now [off]',
      'Resume Sync',
      '---',
      'Quit',
    ]);
  });

  it('offers no Sync now while a sign-in is needed', () => {
    const items = trayView(input({ sync: { state: 'needs-sign-in', waiting: 0 } }), en).items;
    expect(items).toContainEqual({ kind: 'action', action: 'sync-now', label: 'Sync Now', enabled: false });
  });

  it('speaks the interface language, with its plurals (Arabic with Latin digits, as the window writes them)', () => {
    const ar = shellText('ar');
    const view = trayView(
      input({ sync: { state: 'offline', waiting: 3 }, downloads: { active: 2, receivedBytes: 1, totalBytes: 2 } }),
      ar,
    );
    expect(view.items.map((item) => (item.kind === 'info' ? item.label : null)).filter(Boolean)).toEqual([
      'غير متصل',
      '3 كتابات بانتظار الإرسال',
      `جارٍ تنزيل مستندين: ${new Intl.NumberFormat('ar-u-nu-latn', { style: 'percent' }).format(0.5)}`,
    ]);
    const ko = trayView(input({ sync: { state: 'synced', waiting: 5 } }), shellText('ko'));
    expect(ko.items[1]).toEqual({ kind: 'info', label: '작성한 글 5건 전송 대기 중' });
  });
});

describe('DownloadActivity', () => {
  const sha = (n: number): string => n.toString(16).padStart(64, '0');
  const state = (n: number, status: DownloadState['status'], received = 0, total = 100): DownloadState => ({
    sha256: sha(n),
    status,
    receivedBytes: received,
    totalBytes: total,
  });

  it('sums the progress of what is under way', () => {
    const activity = new DownloadActivity();
    activity.update(state(1, 'downloading', 50));
    activity.update(state(2, 'queued'));
    expect(activity.summary()).toEqual({ active: 2, receivedBytes: 50, totalBytes: 200 });
  });

  it('tells once, when the last download of a batch ends, how many finished', () => {
    const activity = new DownloadActivity();
    activity.update(state(1, 'downloading'));
    activity.update(state(2, 'downloading'));
    activity.update(state(3, 'downloading'));
    expect(activity.update(state(1, 'done', 100))).toBeNull();
    expect(activity.update(state(2, 'failed'))).toBeNull();
    expect(activity.update(state(3, 'done', 100))).toBe(2);
    expect(activity.summary().active).toBe(0);
    // A repeated event for a finished file is not a new batch.
    expect(activity.update(state(3, 'done', 100))).toBeNull();
  });

  it('tells nothing when every download of the batch failed or was cancelled', () => {
    const activity = new DownloadActivity();
    activity.update(state(1, 'downloading'));
    activity.update(state(2, 'queued'));
    expect(activity.update(state(1, 'cancelled'))).toBeNull();
    expect(activity.update(state(2, 'failed'))).toBeNull();
  });
});
