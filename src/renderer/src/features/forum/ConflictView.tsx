import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDb } from '../../data/data-context';
import type { CachedPost, OutboxItem } from '../../data/db';
import { keepMine, takeTheirs } from '../../data/outbox';
import { Markdown } from '../../ui/Markdown';
import { neutralizeHtml } from './post-markdown';
import './forum.css';

function bodyOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const body = (value as Record<string, unknown>)['body'];
  return typeof body === 'string' ? body : undefined;
}

/** Someone else changed the post too: both versions side by side, and the user chooses. */
export function ConflictView({ item, post }: { item: OutboxItem; post: CachedPost }): React.JSX.Element {
  const { t } = useTranslation('forum');
  const db = useDb();
  const [failed, setFailed] = useState(false);
  const seq = item.seq;
  const mine = item.name === 'post.delete' ? undefined : (bodyOf(item.args) ?? post.body);
  const theirs = item.current?.deleted === true ? undefined : bodyOf(item.current?.data);

  const choose = (choice: typeof keepMine): void => {
    if (seq === undefined) return;
    setFailed(false);
    choice(db, seq).catch(() => setFailed(true));
  };

  return (
    <section className="forum-conflict" aria-label={t('conflict.title')}>
      <p className="forum-conflict-title">{t('conflict.title')}</p>
      <p className="help">{t('conflict.explain')}</p>
      <div className="forum-conflict-columns">
        <div className="forum-conflict-side">
          <h4>{t('conflict.mine')}</h4>
          {mine === undefined ? (
            <p className="forum-muted">{t('conflict.mineDeleted')}</p>
          ) : (
            <Markdown source={neutralizeHtml(mine)} className="markdown forum-markdown" />
          )}
        </div>
        <div className="forum-conflict-side">
          <h4>{t('conflict.theirs')}</h4>
          {theirs === undefined ? (
            <p className="forum-muted">
              {item.current?.deleted === true ? t('conflict.theirsDeleted') : t('conflict.theirsUnknown')}
            </p>
          ) : (
            <Markdown source={neutralizeHtml(theirs)} className="markdown forum-markdown" />
          )}
        </div>
      </div>
      <div className="forum-actions">
        <button type="button" className="button-primary" onClick={() => choose(keepMine)}>
          {t('conflict.keepMine')}
        </button>
        <button type="button" className="button-secondary" onClick={() => choose(takeTheirs)}>
          {t('conflict.takeTheirs')}
        </button>
      </div>
      {failed ? (
        <p className="field-error" role="alert">
          {t('error.save')}
        </p>
      ) : null}
    </section>
  );
}
