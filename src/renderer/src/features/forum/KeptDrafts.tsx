import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Draft } from '../../data/db';
import { draftText } from '../../data/drafts';
import './forum.css';

/** A text kept in a thread: a write the server refused, or a draft that cannot be sent here (a locked thread). */
export interface KeptDraft {
  readonly draft: Draft;
  /** What it was: a reply, or an edit of a post. */
  readonly label: string;
  /** Why it is kept: the server's reason, or why it cannot be sent here. */
  readonly reason: string;
  /** It can be edited here: its editor can open in this thread. */
  readonly editable: boolean;
}

/**
 * Texts of this thread that were not published. Each stays visible and
 * copyable, whatever happened to the thread; it can be edited here when the
 * thread allows it, moved into a new thread, or let go.
 */
export function KeptDrafts({
  title,
  items,
  language,
  onEdit,
  onMove,
  onDiscard,
}: {
  title: string;
  items: readonly KeptDraft[];
  /** The language the texts are most likely in (the thread's), for their `lang`. */
  language: string | undefined;
  onEdit: (draft: Draft) => void;
  /** Absent when the user cannot start a thread. */
  onMove: ((draft: Draft) => void) | undefined;
  onDiscard: (draft: Draft) => void;
}): React.JSX.Element | null {
  const titleId = useId();
  if (items.length === 0) return null;
  return (
    <section className="forum-rejected" aria-labelledby={titleId}>
      <h2 id={titleId} className="forum-rejected-title">
        {title}
      </h2>
      <ul>
        {items.map((item) => (
          <KeptDraftItem
            key={item.draft.key}
            item={item}
            language={item.draft.fields['language'] ?? language}
            onEdit={onEdit}
            onMove={onMove}
            onDiscard={onDiscard}
          />
        ))}
      </ul>
    </section>
  );
}

type CopyState = 'idle' | 'copied' | 'selected';

function KeptDraftItem({
  item,
  language,
  onEdit,
  onMove,
  onDiscard,
}: {
  item: KeptDraft;
  language: string | undefined;
  onEdit: (draft: Draft) => void;
  onMove: ((draft: Draft) => void) | undefined;
  onDiscard: (draft: Draft) => void;
}): React.JSX.Element {
  const { t } = useTranslation('forum');
  const textRef = useRef<HTMLDivElement>(null);
  const [copy, setCopy] = useState<CopyState>('idle');
  const text = draftText(item.draft);
  const labelId = useId();

  const copyText = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(text);
      setCopy('copied');
    } catch {
      // No clipboard (a denied permission): the text is selected, for the keyboard's copy.
      const node = textRef.current;
      if (node !== null) window.getSelection()?.selectAllChildren(node);
      setCopy('selected');
    }
  };

  return (
    <li className="forum-rejected-item" aria-labelledby={labelId}>
      <p id={labelId} className="forum-state is-rejected">
        {item.label}
      </p>
      <p className="forum-rejected-reason">{item.reason}</p>
      <div
        ref={textRef}
        className="forum-kept-text"
        dir="auto"
        lang={language}
        role="textbox"
        aria-readonly="true"
        aria-multiline="true"
        aria-label={t('kept.textLabel')}
        tabIndex={0}
      >
        {text}
      </div>
      <div className="forum-actions">
        {item.editable ? (
          <button type="button" className="button-primary" onClick={() => onEdit(item.draft)}>
            {t('rejected.edit')}
          </button>
        ) : null}
        <button type="button" className="button-secondary" onClick={() => void copyText()}>
          {t('kept.copy')}
        </button>
        {onMove !== undefined ? (
          <button type="button" className="button-secondary" onClick={() => onMove(item.draft)}>
            {t('kept.move')}
          </button>
        ) : null}
        <button type="button" className="button-secondary" onClick={() => onDiscard(item.draft)}>
          {t('rejected.discard')}
        </button>
      </div>
      <p className="help" role="status">
        {copy === 'copied' ? t('kept.copied') : copy === 'selected' ? t('kept.selected') : ''}
      </p>
    </li>
  );
}
