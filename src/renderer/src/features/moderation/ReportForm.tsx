import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { REPORT_REASONS, type ReportReason } from '../../../../shared/wire/entities';
import { useDb } from '../../data/data-context';
import type { CachedPost } from '../../data/db';
import { newId } from '../../data/ids';
import { enqueueWrites } from '../../data/outbox';
import './moderation.css';

/**
 * A reader reports someone else's post to the moderators, with a reason and, if they wish, a note. Queued
 * like any other write (offline too); the reporter sees their open report here, nobody else but moderators.
 */
export function ReportForm({
  post,
  userId,
  onClose,
}: {
  post: CachedPost;
  userId: string | undefined;
  onClose: () => void;
}): React.JSX.Element {
  const { t } = useTranslation('forum');
  const db = useDb();
  const ids = { heading: useId(), note: useId(), status: useId() };
  const [reason, setReason] = useState<ReportReason>('spam');
  const [note, setNote] = useState('');
  const [state, setState] = useState<'idle' | 'saving' | 'failed'>('idle');
  // Only the user's own reports and (for moderators) everyone's reach this computer; an open one on this post
  // by the user is the one to show (the server refuses a second).
  const open = useLiveQuery(
    () =>
      db.reports
        .where('postId')
        .equals(post.id)
        .filter((report) => report.resolution === null)
        .toArray(),
    [db, post.id],
  );
  // Made here, a report has no reporter until the server's copy arrives: it is the user's.
  const mine = open?.find((report) => report.reporterId === undefined || report.reporterId === userId);

  if (open === undefined) return <div className="forum-report" aria-busy="true" />;
  if (mine !== undefined) {
    return (
      <div className="forum-report" role="status">
        <p>{mine.local !== undefined ? t('report.queued') : t('report.sent')}</p>
        <button type="button" className="button-secondary" onClick={onClose}>
          {t('report.close')}
        </button>
      </div>
    );
  }

  const submit = async (): Promise<void> => {
    setState('saving');
    try {
      const trimmed = note.trim();
      await enqueueWrites(db, [
        {
          name: 'report.create',
          args: { id: newId(), postId: post.id, reason, ...(trimmed !== '' ? { note: trimmed } : {}) },
        },
      ]);
      setState('idle');
    } catch {
      setState('failed');
    }
  };

  return (
    <form
      className="forum-report"
      aria-labelledby={ids.heading}
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          onClose();
        }
      }}
    >
      <fieldset>
        <legend id={ids.heading}>{t('report.heading')}</legend>
        {REPORT_REASONS.map((code) => (
          <label key={code} className="forum-report-reason">
            <input
              type="radio"
              name={`${ids.heading}-reason`}
              value={code}
              checked={reason === code}
              onChange={() => setReason(code)}
            />
            {t(`report.reason.${code}`)}
          </label>
        ))}
      </fieldset>
      <label htmlFor={ids.note}>{t('report.noteLabel')}</label>
      <textarea
        id={ids.note}
        dir="auto"
        rows={3}
        maxLength={1000}
        value={note}
        aria-describedby={ids.status}
        onChange={(event) => setNote(event.target.value)}
      />
      <p id={ids.status} className={state === 'failed' ? 'field-error' : 'help'} role="status">
        {state === 'failed' ? t('error.save') : t('report.hint')}
      </p>
      <div className="forum-report-actions">
        <button type="submit" className="button-primary" disabled={state === 'saving'}>
          {t('report.submit')}
        </button>
        <button type="button" className="button-secondary" onClick={onClose}>
          {t('report.cancel')}
        </button>
      </div>
    </form>
  );
}
