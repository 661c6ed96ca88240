import { useCallback, useRef, useState } from 'react';
import { useApi } from '../../app/api-context';
import { saveFile, type FileToSave, type SaveOutcome } from './save-file';

export type SaveState = { kind: 'idle' } | { kind: 'working' } | SaveOutcome;

/**
 * Makes a file and saves it, one at a time, and says where it stands: working,
 * saved (where), handed to the browser, cancelled, or failed (why).
 */
export function useSave(): { state: SaveState; save: (make: () => Promise<FileToSave>) => Promise<void> } {
  const api = useApi();
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const busy = useRef(false);
  const save = useCallback(
    async (make: () => Promise<FileToSave>) => {
      if (busy.current) return;
      busy.current = true;
      setState({ kind: 'working' });
      try {
        setState(await saveFile(api, await make()));
      } catch (error) {
        setState({
          kind: 'failed',
          error: { code: 'internal', message: error instanceof Error ? error.message : String(error) },
        });
      } finally {
        busy.current = false;
      }
    },
    [api],
  );
  return { state, save };
}
