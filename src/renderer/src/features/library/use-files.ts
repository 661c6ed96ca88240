import { useCallback, useEffect, useState } from 'react';
import type { DownloadState } from '../../../../shared/contract';
import { useApi } from '../../app/api-context';

/**
 * The offline state of every file, from main: the list once, then each
 * `files.changed` event. Main is the one source: it owns the store on disk.
 */
export function useFileStates(): {
  states: ReadonlyMap<string, DownloadState>;
  error: string | null;
  /** Reads the list again (after a removal, which has no event of its own per file). */
  refresh: () => Promise<void>;
} {
  const api = useApi();
  const [states, setStates] = useState<ReadonlyMap<string, DownloadState>>(() => new Map());
  const [error, setError] = useState<string | null>(null);
  const refresh = useCallback(async (): Promise<void> => {
    const result = await api.files.states();
    if (result.ok) setStates(new Map(result.value.map((state) => [state.sha256, state] as const)));
  }, [api]);
  useEffect(() => {
    let live = true;
    const unsubscribe = api.on('files.changed', (state) => {
      setStates((previous) => new Map(previous).set(state.sha256, state));
    });
    void api.files.states().then((result) => {
      if (!live) return;
      if (!result.ok) {
        setError(result.error.message);
        return;
      }
      setStates((previous) => {
        const next = new Map(result.value.map((state) => [state.sha256, state] as const));
        // An event that arrived while the list was on its way is newer than the list.
        for (const [sha256, state] of previous) next.set(sha256, state);
        return next;
      });
    });
    return () => {
      live = false;
      unsubscribe();
    };
  }, [api]);
  return { states, error, refresh };
}

/** Whether the server answers: false when offline, null while unknown. */
export function useReachable(): boolean | null {
  const api = useApi();
  const [reachable, setReachable] = useState<boolean | null>(null);
  useEffect(() => {
    let live = true;
    const unsubscribe = api.on('sync.connectivity', (state) => setReachable(state.reachable));
    void api.sync.connectivity().then((result) => {
      if (live && result.ok) setReachable(result.value.reachable);
    });
    return () => {
      live = false;
      unsubscribe();
    };
  }, [api]);
  return reachable;
}
