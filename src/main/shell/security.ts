import type { Session, WebContents, WebFrameMain, WebPreferences } from 'electron';
import { isAppUrl } from '../security/app-origin';
import { isAllowedExternalUrl } from '../security/external-url';

/** The renderer's sandbox. Tests and users get exactly the same settings. */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    // Off unless a window turns it on where it downloads nothing (restrictSpellChecker).
    spellcheck: false,
  };
}

/** The app asks for no permission (camera, notifications, geolocation, ...); deny them all. */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/**
 * Where Chromium would fetch Hunspell dictionaries: a path of the app's own
 * bundle that holds none, so a download, if anything ever asked for one,
 * fails on this computer instead of reaching a third party.
 */
export const SPELL_CHECKER_DICTIONARY_URL = 'app://bundle/no-spelling-dictionaries/';

/**
 * Chromium's own spell checker downloads its dictionaries from a Google CDN
 * (Windows and Linux). Only macOS checks spelling with the system's
 * dictionaries, so the checker stays on there and is turned off elsewhere:
 * the app fetches nothing from a third party (issue 19). The download address
 * is taken away on every platform too, so a window that turned spelling back
 * on still could not reach the CDN.
 */
export function restrictSpellChecker(session: Session, platform: NodeJS.Platform): void {
  session.setSpellCheckerDictionaryDownloadURL(SPELL_CHECKER_DICTIONARY_URL);
  if (platform === 'darwin') return;
  session.setSpellCheckerEnabled(false);
}

export interface ContentsPolicy {
  devServerUrl?: string;
  openExternal: (url: string) => void;
}

/**
 * Keeps every web contents on the app origin: navigation elsewhere is
 * cancelled, new windows are refused (allow-listed https links go to the
 * system browser instead) and <webview> cannot be attached.
 */
export function restrictContents(contents: WebContents, policy: ContentsPolicy): void {
  // The URL comes from the event itself; Electron's second `url` argument is deprecated.
  const blockOffOrigin = (event: { url: string; preventDefault: () => void }): void => {
    if (!isAppUrl(event.url, policy.devServerUrl)) event.preventDefault();
  };
  contents.on('will-navigate', blockOffOrigin);
  contents.on('will-redirect', blockOffOrigin);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) policy.openExternal(url);
    return { action: 'deny' };
  });
}

/** IPC is answered only for the app's own top-level frame, never for an embedded or navigated-away frame. */
export function isTrustedSender(frame: WebFrameMain | null | undefined, devServerUrl?: string): boolean {
  if (frame === null || frame === undefined) return false;
  if (frame.parent !== null) return false;
  return isAppUrl(frame.url, devServerUrl);
}
