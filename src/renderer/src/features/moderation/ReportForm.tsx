import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { REPORT_REASONS, type ReportReason } from '../../../../shared/wire/entities';
import { useDb } from '../../data/data-context';
import type { CachedPost } from '../../data/db';
import { newId } from '../../data/ids';
import { enqueueWrites } from '../../data/outbox';
import { formatDateTime } from '../../ui/format';
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
  const { t, i18n } = useTranslation('forum');
  const db = useDb();
  const ids = { heading: useId(), note: useId(), status: useId() };
  const [reason, setReason] = useState<ReportReason>('spam');
  const [note, setNote] = useState('');
  const [state, setState] = useState<'idle' | 'saving' | 'failed'>('idle');
  // Only the user's own reports and (for moderators) everyone's reach this computer. Made here, a report has no
  // reporter until the server's copy arrives: it is the user's.
  const mine = useLiveQuery(
    () =>
      db.reports
        .where('postId')
        .equals(post.id)
        .filter((report) => report.reporterId === undefined || report.reporterId === userId)
        .toArray(),
    [db, post.id, userId],
  );
  // An open one is the one to show (the server refuses a second); else the latest the moderators reviewed.
  const open = mine?.find((report) => report.resolution === null);
  const reviewed = mine
    ?.filter((report) => report.resolution !== null)
    .sort((a, b) => (b.resolution?.at ?? '').localeCompare(a.resolution?.at ?? ''))[0];

  if (mine === undefined) return <div className="forum-report" aria-busy="true" />;
  if (open !== undefined) {
    return (
      <div className="forum-report" role="status">
        <p>{open.local !== undefined ? t('report.queued') : t('report.sent')}</p>
        <button type="button" className="button-secondary" onClick={onClose}>
          {t('report.close')}
        </button>
      </div>
    );
  }
  // The reporter hears what was done and when, not which moderator did it.
  const review =
    reviewed?.resolution != null ? (
      <p className="forum-report-review" role="status">
        {t(`report.reviewed.${reviewed.resolution.action}`, {
          date: formatDateTime(reviewed.resolution.at, i18n.language),
        })}
      </p>
    ) : null;

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
      {review}
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
