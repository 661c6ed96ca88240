import { mkdir } from 'node:fs/promises';
import { arch, release } from 'node:os';
import { app, clipboard, dialog, shell, type BrowserWindow } from 'electron';
import type { AppLog } from '../app-log';
import type { ShellText } from '../shell-text';

/** Help → Open Logs Folder (made if nothing was logged yet). */
export async function openLogsFolder(log: AppLog): Promise<void> {
  await mkdir(log.dir, { recursive: true });
  const failure = await shell.openPath(log.dir);
  if (failure !== '') log.warn(`could not open the logs folder: ${failure}`);
}

/** What a report needs to know about this install; no account, server address or content. */
export function reportDetails(log: AppLog, channel: string): string {
  return [
    `${app.getName()} ${app.getVersion()} (${channel})`,
    `Electron ${process.versions.electron}, Chromium ${process.versions.chrome}`,
    `${process.platform} ${release()} ${arch()}`,
    `Logs: ${log.dir}`,
  ].join('\n');
}

/**
 * Help → Report a Problem: what to tell the Academy team and where the log is,
 * with "Copy Details" (version and system, nothing personal) and "Open Logs Folder".
 */
export async function reportProblem(options: {
  parent: BrowserWindow | null;
  text: ShellText;
  log: AppLog;
  channel: string;
}): Promise<void> {
  const t = (key: string): string => options.text.t(`dialog.reportProblem.${key}`);
  const box = {
    type: 'info' as const,
    message: t('message'),
    detail: t('detail'),
    buttons: [t('copyDetails'), t('openLogs'), t('close')],
    defaultId: 0,
    cancelId: 2,
    noLink: true,
  };
  const { response } =
    options.parent === null ? await dialog.showMessageBox(box) : await dialog.showMessageBox(options.parent, box);
  if (response === 0) await clipboard.writeText(reportDetails(options.log, options.channel));
  if (response === 1) await openLogsFolder(options.log);
}
