import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { pickLocalized } from '../../../../shared/localized';
import type { Settings } from '../../../../shared/settings';
import { useCan } from '../../app/session-context';
import { useUiStore } from '../../app/ui-store';
import { useDb } from '../../data/data-context';
import type { CachedDocument } from '../../data/db';
import { newId } from '../../data/ids';
import { ISOLATE } from '../../ui/bidi';
import { formatDateTime } from '../../ui/format';
import { EmptyState, OneThingStates } from '../../ui/states';
import { countryName } from '../library/names';
import { useReachable } from '../library/use-files';
import { useQuery } from '../../ui/use-query';
import { FollowButton } from '../activity/FollowButton';
import { CitationMenu } from '../export/CitationMenu';
import { EditionOffline } from './EditionOffline';
import { MaterialItem } from './MaterialItem';
import { SessionEditor } from './SessionEditor';
import { loadCollection } from './collection-data';
import { stageFromSession, toDraft, type StagedSession } from './staging';
import './academy.css';
import { useContentLanguages } from '../../app/use-content-languages';

/** An edition (or collection): its sessions and their materials, offline copies, and the facilitators' editor. */
export function CollectionScreen({
  collectionId,
  settings,
}: {
  collectionId: string;
  settings: Settings;
}): React.JSX.Element {
  const { t, i18n } = useTranslation('academy');
  const languages = useContentLanguages(settings);
  const locale = i18n.language;
  const db = useDb();
  const canEdit = useCan('library.write');
  const reachable = useReachable();
  const back = useUiStore((state) => state.back);
  const [editing, setEditing] = useState<StagedSession | null>(null);
  const [published, setPublished] = useState<'online' | 'offline' | null>(null);
  const data = useQuery(() => loadCollection(db, collectionId), [db, collectionId]);
  const library = useQuery(async () => (canEdit ? db.documents.toArray() : []), [db, canEdit]);

  const heading = (text: string): React.JSX.Element => (
    <h1 id="collection-title" tabIndex={-1}>
      {text}
    </h1>
  );
  const backButton = (
    <button type="button" className="link-button back-link" onClick={back}>
      {t('back')}
    </button>
  );
  if (data.status !== 'ready' || data.value === null) {
    return (
      <section className="screen collection-screen" aria-labelledby="collection-title">
        {backButton}
        {heading(t('collectionHeading'))}
        <OneThingStates
          query={data}
          text={{ loading: t('loading'), error: t('error'), notFound: t('notFound'), notFoundBody: t('notFoundBody') }}
        />
      </section>
    );
  }
  const { collection, sessions, materials, documents, staged } = data.value;
  const edition = collection.edition;
  const title = pickLocalized(collection.title, languages);
  const theme = edition?.theme == null ? undefined : pickLocalized(edition.theme, languages);
  const description = collection.description === null ? undefined : pickLocalized(collection.description, languages);
  const libraryDocuments: readonly CachedDocument[] = library.status === 'ready' ? library.value : [];
  const stagedNew = canEdit
    ? [...staged.values()].filter((session) => !sessions.some((s) => s.id === session.sessionId))
    : [];

  const startEditing = (session: StagedSession): void => {
    setPublished(null);
    setEditing(session);
  };
  const newSession = (): void => {
    const session: StagedSession = {
      collectionId,
      sessionId: newId(),
      isNew: true,
      language: languages[0] ?? 'en',
      title: '',
      startsAt: '',
      materials: [],
    };
    // Staged from the first moment: a crash right after "New session" keeps it.
    void db.drafts.put(toDraft(session));
    startEditing(session);
  };
  const editor =
    editing === null ? null : (
      <SessionEditor
        key={editing.sessionId}
        initial={editing}
        published={{
          session: sessions.find((session) => session.id === editing.sessionId),
          materials: materials.get(editing.sessionId) ?? [],
          nextPosition: sessions.reduce((max, session) => Math.max(max, session.position + 1), 0),
        }}
        documents={libraryDocuments}
        languages={languages}
        reachable={reachable}
        onClose={() => setEditing(null)}
        onPublished={(offline) => {
          setEditing(null);
          setPublished(offline ? 'offline' : 'online');
        }}
      />
    );

  return (
    <section className="screen collection-screen" aria-labelledby="collection-title">
      {backButton}
      {edition === null ? null : (
        <p className="edition-kicker">
          <Trans
            t={t}
            i18nKey="editionName"
            values={{
              number: edition.number,
              city: edition.city,
              country: countryName(edition.country, locale),
              year: edition.year,
            }}
            components={ISOLATE}
          />
          {' · '}
          {edition.online ? t('online') : t('inPerson')}
        </p>
      )}
      <div lang={title?.language} dir="auto">
        {heading(title?.value ?? t('untitled'))}
      </div>
      {theme === undefined ? null : (
        <p className="lead">
          <span className="edition-theme-label">{t('theme')}</span> <bdi lang={theme.language}>{theme.value}</bdi>
        </p>
      )}
      {description === undefined ? null : (
        <p lang={description.language} dir="auto">
          {description.value}
        </p>
      )}

      <FollowButton type="edition" id={collectionId} />

      <EditionOffline
        collectionId={collectionId}
        documents={[...documents.values()]}
        languages={languages}
        reachable={reachable}
        isEdition={edition !== null}
        metered={settings.metered}
      />
      <CitationMenu
        target={{
          kind: 'collection',
          id: collectionId,
          title: title?.value ?? t('untitled'),
          edition: edition !== null,
        }}
        languages={languages}
      />

      <div className="sessions-head">
        <h2 className="section-heading">{t('sessions', { count: sessions.length })}</h2>
        {canEdit && editing === null ? (
          <button type="button" className="button-secondary" onClick={newSession}>
            {t('editor.newSession')}
          </button>
        ) : null}
      </div>
      {published === null ? null : (
        <p className="offline-note" role="status">
          {published === 'offline' ? t('editor.publishedOffline') : t('editor.published')}
        </p>
      )}
      {editing?.isNew === true ? editor : null}
      {stagedNew.length > 0 && editing === null ? (
        <ul className="staged-list">
          {stagedNew.map((session) => (
            <li key={session.sessionId} className="session-card session-staged">
              <p className="staged-badge">{t('staged')}</p>
              <h3>{session.title.trim() === '' ? t('editor.untitledSession') : session.title}</h3>
              <button type="button" className="button-secondary" onClick={() => startEditing(session)}>
                {t('editor.continue')}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {sessions.length === 0 ? (
        <EmptyState title={t('noSessions')}>{canEdit ? <p>{t('noSessionsFacilitator')}</p> : null}</EmptyState>
      ) : (
        <ol className="session-list">
          {sessions.map((session) => {
            const sessionTitle = pickLocalized(session.title, languages);
            const list = materials.get(session.id) ?? [];
            const draft = canEdit ? staged.get(session.id) : undefined;
            if (editing !== null && editing.sessionId === session.id) return <li key={session.id}>{editor}</li>;
            return (
              <li key={session.id} className="session-card">
                <div className="session-head">
                  <h3 lang={sessionTitle?.language} dir="auto">
                    {sessionTitle?.value ?? t('untitled')}
                  </h3>
                  {session.startsAt === null ? null : (
                    <time dateTime={session.startsAt}>{formatDateTime(session.startsAt, locale)}</time>
                  )}
                </div>
                {session.local === 'pending' ? <p className="help">{t('pendingPublish')}</p> : null}
                {draft === undefined ? null : <p className="staged-badge">{t('staged')}</p>}
                {list.length === 0 ? (
                  <p className="help">{t('noMaterials')}</p>
                ) : (
                  <ol className="material-list">
                    {list.map((material) => (
                      <li key={material.id}>
                        <MaterialItem
                          material={material}
                          document={material.kind === 'document' ? documents.get(material.documentId) : undefined}
                          languages={languages}
                        />
                      </li>
                    ))}
                  </ol>
                )}
                {canEdit && editing === null ? (
                  <button
                    type="button"
                    className="button-secondary"
                    onClick={() => startEditing(draft ?? stageFromSession(session, list, languages))}
                  >
                    {draft === undefined ? t('editor.edit') : t('editor.continue')}
                    <span className="visually-hidden"> {sessionTitle?.value}</span>
                  </button>
                ) : null}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
