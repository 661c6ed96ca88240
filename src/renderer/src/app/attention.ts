import { useSyncExternalStore } from 'react';

/**
 * Whether the user is looking at this window: the page is visible (not a background tab, not minimized) and
 * its window has the focus. In Electron, Chromium gives the document the BrowserWindow's focus, so this is the
 * host's focus state there too.
 */
export function pageAttended(): boolean {
  return document.visibilityState === 'visible' && document.hasFocus();
}

function subscribe(changed: () => void): () => void {
  document.addEventListener('visibilitychange', changed);
  window.addEventListener('focus', changed);
  window.addEventListener('blur', changed);
  return () => {
    document.removeEventListener('visibilitychange', changed);
    window.removeEventListener('focus', changed);
    window.removeEventListener('blur', changed);
  };
}

/** `pageAttended`, kept up to date: what arrives while the window is behind others is not read yet. */
export function useAttended(): boolean {
  return useSyncExternalStore(subscribe, pageAttended, () => true);
}
