import { useTranslation } from 'react-i18next';
import type { Draft } from '../../data/db';
import { excerpt } from './queries';
import './forum.css';

/**
 * Writes of this thread the server refused: each is a draft again, with the
 * reason, and can be edited and sent again (or discarded).
 */
export function RejectedDrafts({
  drafts,
  onEdit,
  onDiscard,
}: {
  drafts: readonly Draft[];
  onEdit: (draft: Draft) => void;
  onDiscard: (draft: Draft) => void;
}): React.JSX.Element | null {
  const { t } = useTranslation('forum');
  if (drafts.length === 0) return null;
  return (
    <section className="forum-rejected" aria-labelledby="forum-rejected-title">
      <h2 id="forum-rejected-title" className="forum-rejected-title">
        {t('rejected.title', { count: drafts.length })}
      </h2>
      <ul>
        {drafts.map((draft) => (
          <li key={draft.key} className="forum-rejected-item">
            <p className="forum-state is-rejected">
              {draft.kind === 'edit' ? t('rejected.editLabel') : t('rejected.replyLabel')}
            </p>
            <p className="forum-rejected-reason">
              {t('rejected.reason', { reason: t(`rejection.${draft.rejection?.code ?? 'invalid'}`) })}
            </p>
            <p className="forum-quote-text" dir="auto">
              {excerpt(draft.fields['body'] ?? '', 160)}
            </p>
            <div className="forum-actions">
              <button type="button" className="button-primary" onClick={() => onEdit(draft)}>
                {t('rejected.edit')}
              </button>
              <button type="button" className="button-secondary" onClick={() => onDiscard(draft)}>
                {t('rejected.discard')}
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
