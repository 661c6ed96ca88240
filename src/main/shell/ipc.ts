import { BrowserWindow, ipcMain } from 'electron';
import { CHANNELS, eventChannel } from '../../shared/contract';
import { fail } from '../../shared/result';
import type { Dispatch } from '../services/dispatcher';
import type { EventBus } from '../services/events';
import { isTrustedSender } from './security';

/** One `ipcMain.handle` per declared call, and every event forwarded to every window. */
export function wireContract(dispatch: Dispatch, events: EventBus, devServerUrl?: string): () => void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, (event, input: unknown) => {
      if (!isTrustedSender(event.senderFrame, devServerUrl)) {
        return fail('forbidden', 'This frame may not call the app.');
      }
      return dispatch(channel, input);
    });
  }
  const unsubscribe = events.subscribe((event, payload) => {
    for (const window of BrowserWindow.getAllWindows()) {
      if (!window.isDestroyed()) window.webContents.send(eventChannel(event), payload);
    }
  });
  return () => {
    unsubscribe();
    for (const channel of CHANNELS) ipcMain.removeHandler(channel);
  };
}
