import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { mentionAt, nameMatches } from '../../../../shared/activity';
import { useSession } from '../../app/session-context';
import { useDb } from '../../data/data-context';
import type { CachedUser } from '../../data/db';
import { formatNumber } from '../../ui/format';
import type { TextAssist } from '../forum/MarkdownEditor';
import './activity.css';

/** People offered at once. */
const MAX_SUGGESTIONS = 8;

/**
 * `@` and the start of a name suggests the people it may be, from the
 * accounts on this computer (so it works offline): up and down to choose,
 * Enter or Tab to write `@Display Name `, Escape to close. Names may hold
 * spaces and be in any script; a name matches from its start or from any of
 * its words. People who wrote in the thread come first.
 */
export function useMentionAssist({
  value,
  onChange,
  threadId,
}: {
  value: string;
  onChange: (value: string) => void;
  /** The thread being written in: its people are offered first. */
  threadId?: string;
}): TextAssist {
  const { t, i18n } = useTranslation('activity');
  const db = useDb();
  const me = useSession().user?.id;
  const listId = useId();
  const [typed, setTyped] = useState<{ start: number; query: string; caret: number } | null>(null);
  const [active, setActive] = useState(0);
  const [dismissed, setDismissed] = useState<number | null>(null);
  const textarea = useRef<HTMLTextAreaElement | null>(null);
  const open = typed !== null && typed.start !== dismissed;
  const query = open ? typed.query : null;

  const wanted = query !== null;
  const people = useLiveQuery(async (): Promise<{ users: CachedUser[]; here: Set<string> }> => {
    if (!wanted) return { users: [], here: new Set() };
    const [users, posts] = await Promise.all([
      db.users.toArray(),
      threadId === undefined
        ? []
        : db.posts.where('[threadId+createdAt]').between([threadId, ''], [threadId, '\uffff']).toArray(),
    ]);
    return { users, here: new Set(posts.flatMap((post) => (post.authorId === undefined ? [] : [post.authorId]))) };
  }, [db, threadId, wanted]);

  const suggestions = useMemo(() => {
    if (query === null || people === undefined) return [];
    const collator = new Intl.Collator(i18n.language);
    return people.users
      .filter((user) => user.id !== me && nameMatches(user.displayName, query))
      .sort(
        (a, b) =>
          Number(people.here.has(b.id)) - Number(people.here.has(a.id)) ||
          collator.compare(a.displayName, b.displayName),
      )
      .slice(0, MAX_SUGGESTIONS);
  }, [people, query, me, i18n.language]);
  const shown = open && suggestions.length > 0;
  const current = Math.min(active, Math.max(0, suggestions.length - 1));

  const insert = (user: CachedUser): void => {
    if (typed === null) return;
    const written = `@${user.displayName} `;
    const next = value.slice(0, typed.start) + written + value.slice(typed.caret);
    const caret = typed.start + written.length;
    onChange(next);
    setTyped(null);
    requestAnimationFrame(() => {
      textarea.current?.focus();
      textarea.current?.setSelectionRange(caret, caret);
    });
  };

  return {
    onCaret: (element) => {
      textarea.current = element;
      const caret = element.selectionStart;
      const found = element.selectionEnd === caret ? mentionAt(element.value, caret) : null;
      if (found !== null && typed?.start !== found.start) setActive(0);
      setTyped(found === null ? null : { ...found, caret });
    },
    onKeyDown: (event) => {
      if (!shown) return false;
      switch (event.key) {
        case 'ArrowDown':
          setActive((current + 1) % suggestions.length);
          break;
        case 'ArrowUp':
          setActive((current - 1 + suggestions.length) % suggestions.length);
          break;
        case 'Enter':
        case 'Tab': {
          if (event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return false;
          const user = suggestions[current];
          if (user === undefined) return false;
          insert(user);
          break;
        }
        case 'Escape':
          setDismissed(typed.start);
          break;
        default:
          return false;
      }
      event.preventDefault();
      return true;
    },
    textareaProps: shown
      ? { 'aria-controls': listId, 'aria-activedescendant': `${listId}-${current}`, 'aria-autocomplete': 'list' }
      : { 'aria-autocomplete': 'list' },
    popup: (
      <>
        {shown ? (
          <ul id={listId} role="listbox" className="mention-suggestions" aria-label={t('mention.suggestions')}>
            {suggestions.map((user, index) => (
              <li
                key={user.id}
                id={`${listId}-${index}`}
                role="option"
                aria-selected={index === current}
                dir="auto"
                // Chosen with the pointer without taking the focus from the text being written.
                onMouseDown={(event) => {
                  event.preventDefault();
                  insert(user);
                }}
              >
                <bdi>{user.displayName}</bdi>
              </li>
            ))}
          </ul>
        ) : null}
        <span className="visually-hidden" role="status">
          {shown
            ? t('mention.hint', {
                count: suggestions.length,
                formatted: formatNumber(suggestions.length, i18n.language),
              })
            : ''}
        </span>
      </>
    ),
  };
}
