import type { Api } from '../../../shared/contract';
import { contractSocketUrl, createWsApi, takeLaunchSecret } from './ws-client';

declare global {
  interface Window {
    /** Present in Electron, exposed by the preload. */
    readonly api?: Api;
  }
}

export type ApiResolution = { kind: 'ready'; api: Api } | { kind: 'missing-secret' };

/** Electron's preload API when there is one, the browser-mode WebSocket otherwise. */
export function resolveApi(): ApiResolution {
  if (window.api !== undefined) return { kind: 'ready', api: window.api };
  const secret = takeLaunchSecret(window.location, window.sessionStorage, window.history);
  if (secret === null) return { kind: 'missing-secret' };
  return { kind: 'ready', api: createWsApi(contractSocketUrl(window.location), secret) };
}
