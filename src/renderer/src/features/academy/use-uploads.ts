import { useCallback, useEffect, useState } from 'react';
import type { UploadState } from '../../../../shared/contract';
import { useApi } from '../../app/api-context';

/**
 * Every attached file's upload state, from main: the list once, then each
 * change as it happens. `remember` records a state main answered a call with
 * (a commit), unless an event already brought a newer one.
 */
export function useUploads(): {
  uploads: ReadonlyMap<string, UploadState>;
  remember: (state: UploadState) => void;
} {
  const api = useApi();
  const [uploads, setUploads] = useState<ReadonlyMap<string, UploadState>>(() => new Map());
  useEffect(() => {
    let live = true;
    // Discarded while the list was on its way: the list may still hold it.
    const discarded = new Set<string>();
    const unsubscribe = api.on('files.uploadChanged', (state) => {
      setUploads((previous) => new Map(previous).set(state.sha256, state));
    });
    const unsubscribeDiscarded = api.on('files.uploadDiscarded', ({ sha256 }) => {
      discarded.add(sha256);
      setUploads((previous) => {
        const next = new Map(previous);
        next.delete(sha256);
        return next;
      });
    });
    void api.files.uploads().then((result) => {
      if (!live || !result.ok) return;
      setUploads((previous) => {
        const next = new Map(result.value.map((state) => [state.sha256, state] as const));
        // An event that arrived while the list was on its way is newer than the list.
        for (const [sha256, state] of previous) next.set(sha256, state);
        for (const sha256 of discarded) next.delete(sha256);
        return next;
      });
    });
    return () => {
      live = false;
      unsubscribe();
      unsubscribeDiscarded();
    };
  }, [api]);
  const remember = useCallback((state: UploadState): void => {
    setUploads((previous) => (previous.has(state.sha256) ? previous : new Map(previous).set(state.sha256, state)));
  }, []);
  return { uploads, remember };
}
