import { useId } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { ContentLanguage } from '../../../../shared/languages';
import { pickLocalized } from '../../../../shared/localized';
import { pickNewsVersion } from '../../../../shared/news';
import { useUiStore, type Route } from '../../app/ui-store';
import { useDb } from '../../data/data-context';
import { ISOLATE } from '../../ui/bidi';
import { formatDateTime, formatRelative } from '../../ui/format';
import { excerpt } from '../news/NewsScreen';
import { markRead, type ActivityEntry, type ActivityGroup } from './activity-view';

/** Where an item opens: the post in its thread, the news item, the edition. */
function routeOf(entry: ActivityEntry): Route {
  const { row, subject } = entry;
  switch (subject.type) {
    case 'post':
      return { name: 'thread', threadId: row.placeId, postId: subject.post.id };
    case 'news':
      return { name: 'news-item', newsId: subject.news.id };
    case 'session':
    case 'material':
      return { name: 'collection', collectionId: row.placeId };
  }
}

/** Where a group's title opens. */
function placeRoute(group: ActivityGroup): Route {
  switch (group.placeType) {
    case 'thread':
      return { name: 'thread', threadId: group.placeId };
    case 'edition':
      return { name: 'collection', collectionId: group.placeId };
    case 'news':
      return { name: 'news' };
  }
}

/** A post's own words (not what it quotes), as plain text. */
function ownExcerpt(body: string): string {
  const own = body
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('>'))
    .join('\n');
  return excerpt(own.trim() === '' ? body : own, 160);
}

/** One thread's, edition's or the news' items of a day. */
export function ActivityGroupView({
  group,
  languages,
  onMarked,
}: {
  group: ActivityGroup;
  languages: readonly ContentLanguage[];
  onMarked: () => void;
}): React.JSX.Element {
  const { t } = useTranslation('activity');
  const db = useDb();
  const navigate = useUiStore((state) => state.navigate);
  const headingId = useId();
  const unread = group.entries.filter((entry) => !entry.read).map((entry) => entry.row.key);
  const title =
    group.placeType === 'news'
      ? { text: t('place.news'), language: undefined }
      : (group.title ?? {
          text: group.placeType === 'thread' ? t('place.threadGone') : t('place.editionGone'),
          language: undefined,
        });

  return (
    <li className="activity-group">
      <div className="activity-group-head">
        <h3 id={headingId} lang={title.language} dir="auto">
          <button type="button" className="link-button" onClick={() => navigate(placeRoute(group))}>
            {title.text}
          </button>
        </h3>
        {unread.length > 1 ? (
          <button
            type="button"
            className="activity-quiet"
            aria-describedby={headingId}
            onClick={() => void markRead(db, unread).then(onMarked)}
          >
            {t('markGroupRead')}
          </button>
        ) : null}
      </div>
      <ul className="activity-items">
        {group.entries.map((entry) => (
          <ActivityItemView key={entry.row.key} entry={entry} languages={languages} onMarked={onMarked} />
        ))}
      </ul>
    </li>
  );
}

function ActivityItemView({
  entry,
  languages,
  onMarked,
}: {
  entry: ActivityEntry;
  languages: readonly ContentLanguage[];
  onMarked: () => void;
}): React.JSX.Element {
  const { t, i18n } = useTranslation('activity');
  const db = useDb();
  const navigate = useUiStore((state) => state.navigate);
  const whatId = useId();
  const { row, subject } = entry;

  let what: React.ReactNode;
  let detail: { text: string; language: string | undefined } | undefined;
  let where: React.ReactNode = null;
  switch (subject.type) {
    case 'post':
      what = (
        <Trans
          t={t}
          i18nKey={`kind.${row.kind}`}
          values={{ name: entry.actorName ?? t('someone') }}
          components={ISOLATE}
        />
      );
      detail = { text: ownExcerpt(subject.post.body), language: subject.post.language };
      break;
    case 'news': {
      const shown = pickNewsVersion(subject.news, languages);
      what = t('kind.news');
      detail = shown === undefined ? undefined : { text: shown.version.title, language: shown.language };
      break;
    }
    case 'session': {
      const title = pickLocalized(subject.session.title, languages);
      what = t('kind.edition-session');
      detail = title === undefined ? undefined : { text: title.value, language: title.language };
      break;
    }
    case 'material': {
      const title = subject.material.title === null ? undefined : pickLocalized(subject.material.title, languages);
      const session = subject.session === undefined ? undefined : pickLocalized(subject.session.title, languages);
      what = t('kind.edition-material');
      detail =
        title === undefined
          ? { text: t(`material.${subject.material.kind}`), language: undefined }
          : { text: title.value, language: title.language };
      where =
        session === undefined ? null : (
          <span className="activity-where" lang={session.language}>
            <Trans t={t} i18nKey="inSession" values={{ session: session.value }} components={ISOLATE} />
          </span>
        );
      break;
    }
  }

  const open = (): void => {
    if (!entry.read) void markRead(db, [row.key]);
    navigate(routeOf(entry));
  };

  return (
    <li className={entry.read ? 'activity-item' : 'activity-item is-unread'}>
      <span className="activity-dot" aria-hidden="true" />
      <button type="button" className="activity-open" onClick={open}>
        <span id={whatId} className="activity-what">
          {entry.read ? null : <span className="visually-hidden">{`${t('unread')}: `}</span>}
          {what}
        </span>
        {detail !== undefined ? (
          <span className="activity-detail" lang={detail.language} dir="auto">
            {detail.text}
          </span>
        ) : null}
        {where}
      </button>
      <time className="activity-when" dateTime={row.at} title={formatDateTime(row.at, i18n.language)}>
        {formatRelative(row.at, i18n.language)}
      </time>
      {entry.read ? null : (
        <button
          type="button"
          className="activity-quiet activity-mark"
          aria-describedby={whatId}
          onClick={() => void markRead(db, [row.key]).then(onMarked)}
        >
          {t('markRead')}
        </button>
      )}
    </li>
  );
}
