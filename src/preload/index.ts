/**
 * The preload exposes exactly the contract as `window.api`: one named function
 * per declared call and a typed `on` for declared events. Never ipcRenderer
 * itself, never the IPC event object.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { buildApi } from '../shared/api-builder';
import { eventChannel } from '../shared/contract';
import type { Result } from '../shared/result';

const api = buildApi(
  (channel, input) => ipcRenderer.invoke(channel, input) as Promise<Result<unknown>>,
  (event, listener) => {
    const channel = eventChannel(event);
    const forward = (_event: Electron.IpcRendererEvent, payload: unknown): void => listener(payload);
    ipcRenderer.on(channel, forward);
    return () => {
      ipcRenderer.removeListener(channel, forward);
    };
  },
);

contextBridge.exposeInMainWorld('api', api);
