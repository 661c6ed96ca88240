import { useEffect, useId, useRef, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { useUiStore } from '../../app/ui-store';
import { useDb } from '../../data/data-context';
import type { CachedPost, CachedReport, CachedThread, CollectiveBrainDb, CachedUser } from '../../data/db';
import { newId } from '../../data/ids';
import { enqueueWrites, type WriteRequest } from '../../data/outbox';
import { ISOLATE } from '../../ui/bidi';
import { formatDateTime, formatNumber } from '../../ui/format';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states';
import { useQuery } from '../../ui/use-query';
import { excerpt } from '../forum/queries';
import './moderation.css';

/** A report with what the queue shows of it, read from this computer's cache. */
export interface QueuedReport {
  readonly report: CachedReport;
  readonly post: CachedPost | undefined;
  readonly thread: CachedThread | undefined;
  readonly names: ReadonlyMap<string, string>;
}

/** How many resolved reports the queue keeps in view, newest first: the record of who did what, when. */
const RESOLVED_SHOWN = 20;

/** Open reports, oldest first (first come, first served), and the latest resolved ones, newest first. */
export async function reportQueue(db: CollectiveBrainDb): Promise<{ open: QueuedReport[]; resolved: QueuedReport[] }> {
  const reports = await db.reports.orderBy('createdAt').toArray();
  const open = reports.filter((report) => report.resolution === null);
  const resolved = reports
    .filter((report) => report.resolution !== null)
    .sort((a, b) => (b.resolution?.at ?? '').localeCompare(a.resolution?.at ?? ''))
    .slice(0, RESOLVED_SHOWN);
  const shown = [...open, ...resolved];
  const [posts, threads] = await Promise.all([
    db.posts.bulkGet(shown.map((report) => report.postId)),
    db.threads.bulkGet(shown.map((report) => report.threadId)),
  ]);
  const people = new Set<string>();
  for (const report of shown) {
    people.add(report.postAuthorId);
    if (report.reporterId !== undefined) people.add(report.reporterId);
    if (report.resolution !== null) people.add(report.resolution.moderatorId);
  }
  const users = await db.users.bulkGet([...people]);
  const names = new Map(
    users.filter((user): user is CachedUser => user !== undefined).map((user) => [user.id, user.displayName]),
  );
  const entry = (report: CachedReport, index: number): QueuedReport => ({
    report,
    post: posts[index],
    thread: threads[index],
    names,
  });
  return {
    open: open.map((report, index) => entry(report, index)),
    resolved: resolved.map((report, index) => entry(report, open.length + index)),
  };
}

/**
 * The moderators' queue of reported posts: the open ones (each can be hidden, deleted, dismissed, or its author
 * contacted), then the record of the latest resolutions (who did what, when). When a resolved card leaves the
 * list with the focus in it, the focus moves to the next open report (or the heading), so the keyboard never
 * falls back to the top of the page.
 */
export function ReportQueue(): React.JSX.Element {
  const { t, i18n } = useTranslation('forum');
  const db = useDb();
  const [attempt, setAttempt] = useState(0);
  const queue = useQuery(() => reportQueue(db), [db, attempt]);
  const ids = { open: useId(), resolved: useId() };
  const listRef = useRef<HTMLDivElement>(null);
  const openIds = queue.status === 'ready' ? queue.value.open.map((entry) => entry.report.id).join(' ') : '';
  useEffect(() => {
    const root = listRef.current;
    if (root === null || (document.activeElement !== null && document.activeElement !== document.body)) return;
    const next = root.querySelector<HTMLElement>('.forum-report-card:not(.is-resolved)') ?? root.querySelector('h2');
    next?.focus();
  }, [openIds]);
  return (
    <div className="forum-reports" ref={listRef}>
      <section aria-labelledby={ids.open}>
        <h2 id={ids.open} className="forum-section-title" tabIndex={-1}>
          {queue.status === 'ready' && queue.value.open.length > 0
            ? t('reports.openTitle', {
                count: queue.value.open.length,
                formatted: formatNumber(queue.value.open.length, i18n.language),
              })
            : t('reports.title')}
        </h2>
        {queue.status === 'loading' ? <LoadingState label={t('loading')} /> : null}
        {queue.status === 'error' ? (
          <ErrorState title={t('reports.error')}>
            <p className="help">{t('reports.errorHint')}</p>
            <p className="help" dir="auto">
              <code>{queue.message}</code>
            </p>
            <button type="button" className="button-secondary" onClick={() => setAttempt((n) => n + 1)}>
              {t('reports.retry')}
            </button>
          </ErrorState>
        ) : null}
        {queue.status === 'ready' && queue.value.open.length === 0 ? (
          <EmptyState title={t('reports.empty')}>
            <p className="help">{t('reports.emptyHint')}</p>
          </EmptyState>
        ) : null}
        {queue.status === 'ready' && queue.value.open.length > 0 ? (
          <ul className="forum-report-list">
            {queue.value.open.map((entry) => (
              <li key={entry.report.id}>
                <OpenReport entry={entry} />
              </li>
            ))}
          </ul>
        ) : null}
      </section>
      {queue.status === 'ready' && queue.value.resolved.length > 0 ? (
        <section aria-labelledby={ids.resolved} className="forum-reports-resolved">
          <h2 id={ids.resolved} className="forum-section-title">
            {t('reports.resolvedTitle', { number: formatNumber(queue.value.resolved.length, i18n.language) })}
          </h2>
          <ul className="forum-report-list">
            {queue.value.resolved.map((entry) => (
              <li key={entry.report.id}>
                <ResolvedReport entry={entry} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

function ReportSummary({ entry }: { entry: QueuedReport }): React.JSX.Element {
  const { t, i18n } = useTranslation('forum');
  const navigate = useUiStore((state) => state.navigate);
  const { report, post, thread, names } = entry;
  const name = (id: string | undefined): string => (id === undefined ? '' : (names.get(id) ?? t('post.unknownAuthor')));
  return (
    <>
      <p className="forum-report-head">
        <span className="forum-badge is-warning">{t(`report.reason.${report.reason}`)}</span>{' '}
        <Trans
          t={t}
          i18nKey="reports.by"
          values={{ reporter: name(report.reporterId), author: name(report.postAuthorId) }}
          components={ISOLATE}
        />{' '}
        <time dateTime={report.createdAt} className="meta">
          {formatDateTime(report.createdAt, i18n.language)}
        </time>
      </p>
      {report.note !== null ? (
        <blockquote className="forum-report-note" dir="auto">
          {report.note}
        </blockquote>
      ) : null}
      {post === undefined ? (
        <p className="help">{t('reports.postGone')}</p>
      ) : (
        <p className="forum-report-excerpt" lang={post.language} dir="auto">
          {excerpt(post.body)}
        </p>
      )}
      {thread !== undefined ? (
        <button
          type="button"
          className="link-button"
          lang={thread.language}
          dir="auto"
          onClick={() => navigate({ name: 'thread', threadId: thread.id, postId: report.postId })}
        >
          {thread.title}
        </button>
      ) : null}
    </>
  );
}

function OpenReport({ entry }: { entry: QueuedReport }): React.JSX.Element {
  const { t } = useTranslation('forum');
  const db = useDb();
  const { report, post } = entry;
  const [contacting, setContacting] = useState(false);
  const [message, setMessage] = useState('');
  const [failed, setFailed] = useState(false);
  const ids = { message: useId() };
  const resolve = (
    before: WriteRequest[],
    action: 'hidden' | 'deleted' | 'dismissed' | 'contacted',
    replyId?: string,
  ): void => {
    setFailed(false);
    // The post's own change goes first in the same batch: the server checks the record against it.
    enqueueWrites(db, [
      ...before,
      { name: 'report.resolve', args: { id: report.id, action, ...(replyId !== undefined ? { replyId } : {}) } },
    ]).catch(() => setFailed(true));
  };
  const base = (row: CachedPost): { baseVersion?: number } => (row.version > 0 ? { baseVersion: row.version } : {});
  const pending = report.local !== undefined;
  return (
    <article className="forum-report-card" aria-busy={pending} tabIndex={-1}>
      <ReportSummary entry={entry} />
      {pending ? (
        <p className="help" role="status">
          {t('reports.pending')}
        </p>
      ) : (
        <div className="forum-report-actions" role="group" aria-label={t('reports.actions')}>
          {post !== undefined && !post.hidden ? (
            <button
              type="button"
              className="button-secondary"
              onClick={() =>
                resolve([{ name: 'post.hide', args: { id: post.id, hidden: true }, ...base(post) }], 'hidden')
              }
            >
              {t('reports.hide')}
            </button>
          ) : null}
          {post !== undefined && post.hidden ? (
            <button type="button" className="button-secondary" onClick={() => resolve([], 'hidden')}>
              {t('reports.keepHidden')}
            </button>
          ) : null}
          <button
            type="button"
            className="button-secondary is-danger"
            onClick={() =>
              resolve(
                post === undefined ? [] : [{ name: 'post.delete', args: { id: post.id }, ...base(post) }],
                'deleted',
              )
            }
          >
            {post === undefined ? t('reports.recordDeleted') : t('reports.delete')}
          </button>
          <button type="button" className="button-secondary" onClick={() => resolve([], 'dismissed')}>
            {t('reports.dismiss')}
          </button>
          {post !== undefined ? (
            <button
              type="button"
              className="button-secondary"
              aria-expanded={contacting}
              onClick={() => setContacting((open) => !open)}
            >
              {t('reports.contact')}
            </button>
          ) : null}
        </div>
      )}
      {contacting && post !== undefined && !pending ? (
        <form
          className="forum-report-contact"
          onSubmit={(event) => {
            event.preventDefault();
            const body = message.trim();
            if (body === '') return;
            const replyId = newId();
            // The moderator answers the author in the thread, in reply to the reported post.
            resolve(
              [
                {
                  name: 'post.create',
                  args: { id: replyId, threadId: post.threadId, body, language: post.language, replyTo: post.id },
                },
              ],
              'contacted',
              replyId,
            );
            setContacting(false);
          }}
        >
          <label htmlFor={ids.message}>{t('reports.contactLabel')}</label>
          <textarea
            id={ids.message}
            dir="auto"
            rows={3}
            value={message}
            onChange={(event) => setMessage(event.target.value)}
          />
          <button type="submit" className="button-primary" disabled={message.trim() === ''}>
            {t('reports.contactSend')}
          </button>
        </form>
      ) : null}
      {failed ? (
        <p className="field-error" role="alert">
          {t('error.save')}
        </p>
      ) : null}
    </article>
  );
}

function ResolvedReport({ entry }: { entry: QueuedReport }): React.JSX.Element {
  const { t, i18n } = useTranslation('forum');
  const resolution = entry.report.resolution;
  return (
    <article className="forum-report-card is-resolved">
      <ReportSummary entry={entry} />
      {resolution !== null ? (
        <p className="forum-report-resolution">
          <Trans
            t={t}
            i18nKey={`reports.resolved.${resolution.action}`}
            values={{ moderator: entry.names.get(resolution.moderatorId) ?? t('post.unknownAuthor') }}
            components={ISOLATE}
          />{' '}
          <time dateTime={resolution.at} className="meta">
            {formatDateTime(resolution.at, i18n.language)}
          </time>
        </p>
      ) : null}
    </article>
  );
}
