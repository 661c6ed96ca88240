import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useDb } from '../../data/data-context';
import type { Draft } from '../../data/db';

export type DraftFields = Record<string, string>;

/** How long typing may pause before the draft is written (the brief allows at most 500 ms). */
export const DRAFT_SAVE_DELAY_MS = 400;

export interface DraftHandle {
  /** False until the stored draft (if any) has been read: the editor waits for it. */
  ready: boolean;
  fields: DraftFields;
  setField: (name: string, value: string) => void;
  replaceFields: (fields: DraftFields) => void;
  /** Forget unsaved keystrokes, e.g. right before the outbox write deletes the draft. */
  cancelPending: () => void;
  /** Empty the editor and delete the stored draft. */
  discard: () => Promise<void>;
  /** When the last autosave committed (ISO), for the "saved" hint. */
  savedAt: string | null;
}

/**
 * A draft has content when its text fields do (`title`, `body`, or per language `title.<code>`, `body.<code>`
 * as a news item's); a language choice alone is not worth keeping.
 */
function hasContent(fields: DraftFields): boolean {
  return Object.entries(fields).some(([name, value]) => /^(title|body)(\.|$)/u.test(name) && value.trim() !== '');
}

/**
 * Text being written, autosaved (debounced) into the Dexie `drafts` table under
 * `key`, restored when the editor opens again and flushed when it closes.
 */
export function useDraft(
  key: string,
  kind: Draft['kind'],
  targetId?: string,
  /** The text to start from when nothing is stored (an edit starts from the post). */
  initialBody?: string,
): DraftHandle {
  const db = useDb();
  const [state, setState] = useState<{ key: string; fields: DraftFields } | null>(null);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const pending = useRef<{ key: string; fields: DraftFields } | null>(null);

  const write = useCallback(
    async (draftKey: string, fields: DraftFields): Promise<void> => {
      if (!hasContent(fields)) {
        await db.drafts.delete(draftKey);
        return;
      }
      const updatedAt = new Date().toISOString();
      await db.drafts.put({ key: draftKey, kind, fields, updatedAt, ...(targetId !== undefined ? { targetId } : {}) });
      setSavedAt(updatedAt);
    },
    [db, kind, targetId],
  );

  const flush = useCallback((): void => {
    clearTimeout(timer.current);
    const next = pending.current;
    pending.current = null;
    if (next !== null) {
      write(next.key, next.fields).catch((error: unknown) => console.warn('could not save the draft', error));
    }
  }, [write]);

  useEffect(() => {
    let cancelled = false;
    void db.drafts.get(key).then((draft) => {
      if (!cancelled)
        setState({ key, fields: draft?.fields ?? (initialBody === undefined ? {} : { body: initialBody }) });
    });
    return () => {
      cancelled = true;
      flush();
    };
  }, [db, key, flush, initialBody]);

  const ready = state?.key === key;
  const fields = useMemo(() => (state?.key === key ? state.fields : {}), [state, key]);

  const replaceFields = useCallback(
    (next: DraftFields): void => {
      setState({ key, fields: next });
      pending.current = { key, fields: next };
      clearTimeout(timer.current);
      timer.current = setTimeout(flush, DRAFT_SAVE_DELAY_MS);
    },
    [key, flush],
  );

  const setField = useCallback(
    (name: string, value: string): void => replaceFields({ ...fields, [name]: value }),
    [fields, replaceFields],
  );

  const cancelPending = useCallback((): void => {
    clearTimeout(timer.current);
    pending.current = null;
  }, []);

  const discard = useCallback(async (): Promise<void> => {
    cancelPending();
    setState({ key, fields: {} });
    setSavedAt(null);
    await db.drafts.delete(key);
  }, [cancelPending, db, key]);

  return { ready, fields, setField, replaceFields, cancelPending, discard, savedAt };
}
