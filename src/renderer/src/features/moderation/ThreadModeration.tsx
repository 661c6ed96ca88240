import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContentLanguage } from '../../../../shared/languages';
import { pickLocalized } from '../../../../shared/localized';
import { useDb } from '../../data/data-context';
import type { CachedThread } from '../../data/db';
import type { WriteRequest } from '../../data/outbox';
import './moderation.css';

/** A thread made on this computer has no author until the server's copy: it is the user's. */
export function isOwnThread(thread: CachedThread, userId: string | undefined): boolean {
  return thread.authorId === undefined ? thread.version === 0 : thread.authorId === userId;
}

/** A moderator's controls on a thread: move it, delete it, lock, pin and hide it. */
export function ModerationBar({
  thread,
  languages,
  onWrite,
  onDelete,
}: {
  thread: CachedThread;
  languages: readonly ContentLanguage[];
  onWrite: (writes: WriteRequest[]) => void;
  onDelete: () => void;
}): React.JSX.Element {
  const { t } = useTranslation('forum');
  return (
    <div className="forum-moderation" role="group" aria-label={t('moderation.label')}>
      <MoveThread thread={thread} languages={languages} onWrite={onWrite} />
      <button type="button" className="button-secondary is-danger" onClick={onDelete}>
        {t('moderation.deleteThread')}
      </button>
      <button
        type="button"
        className="button-secondary"
        onClick={() => onWrite([{ name: 'thread.lock', args: { id: thread.id, locked: !thread.locked } }])}
      >
        {thread.locked ? t('moderation.unlock') : t('moderation.lock')}
      </button>
      <button
        type="button"
        className="button-secondary"
        onClick={() => onWrite([{ name: 'thread.pin', args: { id: thread.id, pinned: !thread.pinned } }])}
      >
        {thread.pinned ? t('moderation.unpin') : t('moderation.pin')}
      </button>
      <button
        type="button"
        className="button-secondary"
        onClick={() => onWrite([{ name: 'thread.hide', args: { id: thread.id, hidden: !thread.hidden } }])}
      >
        {thread.hidden ? t('moderation.unhide') : t('moderation.hide')}
      </button>
    </div>
  );
}

/** Moves a thread to another category: the categories in the reader's languages, the current one left out. */
function MoveThread({
  thread,
  languages,
  onWrite,
}: {
  thread: CachedThread;
  languages: readonly ContentLanguage[];
  onWrite: (writes: WriteRequest[]) => void;
}): React.JSX.Element | null {
  const { t } = useTranslation('forum');
  const db = useDb();
  const id = useId();
  const categories = useLiveQuery(() => db.categories.orderBy('position').toArray(), [db]);
  const others = (categories ?? []).filter((category) => category.id !== thread.categoryId);
  const [target, setTarget] = useState('');
  if (others.length === 0) return null;
  const chosen = others.some((category) => category.id === target) ? target : (others[0]?.id ?? '');
  return (
    <span className="forum-move">
      <label htmlFor={id}>{t('moderation.moveTo')}</label>
      <select id={id} value={chosen} onChange={(event) => setTarget(event.target.value)}>
        {others.map((category) => {
          const name = pickLocalized(category.name, languages);
          return (
            <option key={category.id} value={category.id} lang={name?.language}>
              {name?.value ?? t('category.untitled')}
            </option>
          );
        })}
      </select>
      <button
        type="button"
        className="button-secondary"
        onClick={() =>
          onWrite([
            {
              name: 'thread.move',
              args: { id: thread.id, categoryId: chosen },
              ...(thread.version > 0 ? { baseVersion: thread.version } : {}),
            },
          ])
        }
      >
        {t('moderation.move')}
      </button>
    </span>
  );
}

/**
 * The author's controls on their own thread. Deleting it would delete everyone's replies, so it is offered only
 * while nobody else has written in it (the server refuses it otherwise); then the author may close it instead.
 */
export function AuthorThreadBar({
  thread,
  onWrite,
  onDelete,
}: {
  thread: CachedThread;
  onWrite: (writes: WriteRequest[]) => void;
  onDelete: () => void;
}): React.JSX.Element | null {
  const { t } = useTranslation('forum');
  const db = useDb();
  const othersReplied = useLiveQuery(
    () =>
      db.posts
        .where('[threadId+createdAt]')
        .between([thread.id, ''], [thread.id, '\uffff'])
        .filter((post) => post.authorId !== undefined && post.authorId !== thread.authorId)
        .count()
        .then((count) => count > 0),
    [db, thread.id, thread.authorId],
  );
  if (othersReplied === undefined) return <div className="forum-moderation" aria-busy="true" />;
  // A closed thread stays as it is: the server refuses changes to it but a moderator's.
  if (!othersReplied && thread.locked) return null;
  return (
    <div className="forum-moderation" role="group" aria-label={t('moderation.ownLabel')}>
      {othersReplied ? (
        <>
          <p className="help">{t('moderation.othersReplied')}</p>
          {thread.locked ? null : (
            <button
              type="button"
              className="button-secondary"
              onClick={() =>
                onWrite([
                  {
                    name: 'thread.lock',
                    args: { id: thread.id, locked: true },
                    ...(thread.version > 0 ? { baseVersion: thread.version } : {}),
                  },
                ])
              }
            >
              {t('moderation.close')}
            </button>
          )}
        </>
      ) : (
        <button type="button" className="button-secondary is-danger" onClick={onDelete}>
          {t('moderation.deleteOwnThread')}
        </button>
      )}
    </div>
  );
}
