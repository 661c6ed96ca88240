import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UploadState } from '../../../../shared/contract';
import { detectLanguage } from '../../../../shared/detect-language';
import { CONTENT_LANGUAGES, type ContentLanguage } from '../../../../shared/languages';
import { pickLocalized } from '../../../../shared/localized';
import { useApi } from '../../app/api-context';
import { useDb } from '../../data/data-context';
import type { CachedDocument, CachedMaterial, CachedSession } from '../../data/db';
import { newId } from '../../data/ids';
import { InvalidWriteError } from '../../data/outbox';
import { releaseUploads } from '../../data/upload-uses';
import { languageName } from '../library/names';
import { AttachFiles } from './AttachFiles';
import { MaterialFields } from './MaterialFields';
import { publishStaged } from './publish';
import { SessionPreview } from './SessionPreview';
import {
  draftKey,
  problemsOf,
  stagedFiles,
  stageFile,
  toDraft,
  type StagedContent,
  type StagedMaterial,
  type StagedSession,
} from './staging';
import { useUploads } from './use-uploads';

type Kind = Exclude<StagedContent['kind'], 'file'>;

interface SessionEditorProps {
  initial: StagedSession;
  published: { session: CachedSession | undefined; materials: readonly CachedMaterial[]; nextPosition: number };
  documents: readonly CachedDocument[];
  languages: readonly ContentLanguage[];
  reachable: boolean | null;
  onClose: () => void;
  onPublished: (queuedOffline: boolean) => void;
}

/**
 * A facilitator prepares a session here, online or not. Every change is
 * staged at once as a draft on this device; nothing reaches others until
 * Publish, which queues every write in one outbox transaction.
 */
export function SessionEditor({
  initial,
  published,
  documents,
  languages,
  reachable,
  onClose,
  onPublished,
}: SessionEditorProps): React.JSX.Element {
  const { t, i18n } = useTranslation('academy');
  const db = useDb();
  const api = useApi();
  const id = useId();
  const [staged, setStaged] = useState(initial);
  // The latest staged session, for changes that arrive later (a file done attaching).
  const latest = useRef(initial);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [newKind, setNewKind] = useState<Kind>('document');
  const [previewing, setPreviewing] = useState(false);
  // Publishing goes once: a second click before the screen updates must not queue the writes again.
  const publishing = useRef(false);
  const { uploads, remember } = useUploads();
  const ids = { language: useId(), suggestion: useId() };

  const update = (next: StagedSession): void => {
    latest.current = next;
    setStaged(next);
    setError(null);
    db.drafts.put(toDraft(next)).catch((reason: unknown) => {
      setError(t('editor.stageFailed', { message: reason instanceof Error ? reason.message : '' }));
    });
  };
  const setMaterial = (index: number, material: StagedMaterial): void =>
    update({ ...staged, materials: staged.materials.map((item, at) => (at === index ? material : item)) });
  const move = (index: number, by: -1 | 1): void => {
    const materials = [...staged.materials];
    const [item] = materials.splice(index, 1);
    if (item === undefined) return;
    materials.splice(index + by, 0, item);
    update({ ...staged, materials });
  };
  const add = (): void => {
    const content: StagedContent =
      newKind === 'document'
        ? { kind: 'document', documentId: documents[0]?.id ?? '' }
        : newKind === 'link'
          ? { kind: 'link', url: 'https://' }
          : { kind: 'note', note: '' };
    update({ ...staged, materials: [...staged.materials, { id: newId(), isNew: true, title: '', content }] });
  };

  const attached = (state: UploadState): void => {
    remember(state);
    const current = latest.current;
    // A file is in the session's language until the facilitator says otherwise (its own choice, below it).
    const material = stageFile(
      state,
      { ui: current.language, content: current.language },
      { materialId: newId(), documentId: newId() },
    );
    update({ ...current, materials: [...current.materials, material] });
  };

  // The session's language: its title and notes are written in it, and the files that followed it follow.
  const setLanguage = (language: ContentLanguage): void => {
    const previous = staged.language;
    update({
      ...staged,
      language,
      materials: staged.materials.map((material) =>
        material.content.kind === 'file' && material.content.language === previous
          ? { ...material, content: { ...material.content, language, titleLanguage: language } }
          : material,
      ),
    });
  };
  const written = [
    staged.title,
    ...staged.materials.map((material) =>
      material.content.kind === 'note'
        ? `${material.title} ${material.content.note}`
        : material.content.kind === 'file'
          ? material.content.title
          : material.title,
    ),
  ].join('\n');
  const detected = detectLanguage(written);
  const suggestion = detected !== null && detected !== staged.language ? detected : null;
  const languageOptions = [...languages, ...CONTENT_LANGUAGES.filter((code) => !languages.includes(code))];

  /** What stops publishing, said in words; empty when the session can go. */
  const problemText = (): string => {
    const failed = new Set(
      stagedFiles(staged)
        .filter((file) => uploads.get(file.sha256)?.status === 'failed')
        .map((file) => file.sha256),
    );
    return problemsOf(staged, failed)
      .map((problem) => t(`editor.problems.${problem}`))
      .join(' ');
  };
  const openPreview = (): void => {
    const problems = problemText();
    if (problems !== '') {
      setError(problems);
      return;
    }
    setPreviewing(true);
  };
  const publish = async (): Promise<void> => {
    if (publishing.current) return;
    const problems = problemText();
    if (problems !== '') {
      setError(problems);
      setPreviewing(false);
      return;
    }
    publishing.current = true;
    setSaving(true);
    try {
      await publishStaged(db, staged, published);
      onPublished(reachable === false);
    } catch (reason) {
      setError(
        reason instanceof InvalidWriteError
          ? t('editor.invalid', { message: reason.message })
          : t('editor.publishFailed', { message: reason instanceof Error ? reason.message : '' }),
      );
      publishing.current = false;
      setSaving(false);
    }
  };
  const sha256sOf = (session: StagedSession): string[] => stagedFiles(session).map((file) => file.sha256);
  // A file nothing else uses does not go to the server, and its offline copy goes (best effort:
  // a file that stays behind costs disk space, never a write).
  const release = (sha256s: readonly string[], stillStaged: readonly string[] = []): Promise<unknown> =>
    releaseUploads(db, api, sha256s, {
      exceptDraft: draftKey(staged.collectionId, staged.sessionId),
      stillStaged,
    }).catch(() => undefined);
  const removeMaterial = (index: number): void => {
    const next = { ...staged, materials: staged.materials.filter((_, at) => at !== index) };
    const removed = staged.materials[index]?.content;
    update(next);
    if (removed?.kind === 'file') void release([removed.sha256], sha256sOf(next));
  };
  const discard = async (): Promise<void> => {
    await db.drafts.delete(draftKey(staged.collectionId, staged.sessionId));
    await release(sha256sOf(staged));
    onClose();
  };

  const docTitle = (document: CachedDocument): string => pickLocalized(document.title, languages)?.value ?? '';
  if (previewing) {
    return (
      <div className="session-editor">
        <SessionPreview
          staged={staged}
          published={published}
          documents={documents}
          saving={saving}
          onPublish={() => void publish()}
          onBack={() => setPreviewing(false)}
        />
        {error === null ? null : (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
      </div>
    );
  }
  return (
    <form
      className="session-editor"
      aria-labelledby={`${id}-heading`}
      onSubmit={(event) => {
        event.preventDefault();
        openPreview();
      }}
    >
      <div className="session-editor-head">
        <h3 id={`${id}-heading`}>{staged.isNew ? t('editor.newHeading') : t('editor.editHeading')}</h3>
        <p className="staged-badge" role="status">
          {t('staged')}
        </p>
      </div>
      <p className="help">{t('editor.help')}</p>
      <div className="field">
        <label htmlFor={ids.language}>{t('editor.language')}</label>
        <select
          id={ids.language}
          value={staged.language}
          aria-describedby={suggestion === null ? undefined : ids.suggestion}
          onChange={(event) => setLanguage(event.target.value as ContentLanguage)}
        >
          {languageOptions.map((code) => (
            <option key={code} value={code} lang={code}>
              {languageName(code, i18n.language)}
            </option>
          ))}
        </select>
        {suggestion === null ? null : (
          <p id={ids.suggestion} className="language-suggestion" role="status">
            {t('editor.looksLike', { language: languageName(suggestion, i18n.language) })}{' '}
            <button type="button" className="link-button" onClick={() => setLanguage(suggestion)}>
              {t('editor.useLanguage', { language: languageName(suggestion, i18n.language) })}
            </button>
          </p>
        )}
      </div>
      <label className="field">
        <span>{t('editor.title')}</span>
        <input
          type="text"
          lang={staged.language}
          dir="auto"
          value={staged.title}
          required
          aria-invalid={error !== null && staged.title.trim() === ''}
          onChange={(event) => update({ ...staged, title: event.target.value })}
        />
      </label>
      <label className="field">
        <span>{t('editor.startsAt')}</span>
        <input
          type="datetime-local"
          value={staged.startsAt}
          onChange={(event) => update({ ...staged, startsAt: event.target.value })}
        />
      </label>
      <fieldset className="editor-materials">
        <legend>{t('editor.materials')}</legend>
        {staged.materials.length === 0 ? <p className="help">{t('editor.noMaterials')}</p> : null}
        <ol className="editor-material-list">
          {staged.materials.map((material, index) => (
            <li key={material.id} className="editor-material">
              <MaterialFields
                material={material}
                index={index}
                documents={documents}
                docTitle={docTitle}
                language={staged.language}
                languageOptions={languageOptions}
                upload={material.content.kind === 'file' ? uploads.get(material.content.sha256) : undefined}
                reachable={reachable}
                onRetryUpload={(sha256) => void api.files.uploadRetry({ sha256 })}
                onChange={(next) => setMaterial(index, next)}
              />
              <div className="button-row">
                <button
                  type="button"
                  className="button-secondary"
                  disabled={index === 0}
                  onClick={() => move(index, -1)}
                >
                  {t('editor.moveUp')}
                  <span className="visually-hidden"> {t('editor.itemSuffix', { position: index + 1 })}</span>
                </button>
                <button
                  type="button"
                  className="button-secondary"
                  disabled={index === staged.materials.length - 1}
                  onClick={() => move(index, 1)}
                >
                  {t('editor.moveDown')}
                  <span className="visually-hidden"> {t('editor.itemSuffix', { position: index + 1 })}</span>
                </button>
                <button type="button" className="button-secondary" onClick={() => removeMaterial(index)}>
                  {t('editor.removeMaterial')}
                  <span className="visually-hidden"> {t('editor.itemSuffix', { position: index + 1 })}</span>
                </button>
              </div>
            </li>
          ))}
        </ol>
        <div className="editor-add">
          <label className="field">
            <span>{t('editor.newMaterialKind')}</span>
            <select value={newKind} onChange={(event) => setNewKind(event.target.value as Kind)}>
              <option value="document">{t('kinds.document')}</option>
              <option value="link">{t('kinds.link')}</option>
              <option value="note">{t('kinds.note')}</option>
            </select>
          </label>
          <button type="button" className="button-secondary" onClick={add}>
            {t('editor.addMaterial')}
          </button>
        </div>
        <AttachFiles onAttached={attached} />
      </fieldset>
      {error === null ? null : (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {reachable === false ? <p className="help">{t('editor.offlinePublish')}</p> : null}
      <div className="button-row">
        <button type="submit" className="button-primary" disabled={saving}>
          {t('editor.preview')}
        </button>
        <button type="button" className="button-secondary" onClick={onClose}>
          {t('editor.close')}
        </button>
        <button type="button" className="button-secondary" onClick={() => void discard()}>
          {t('editor.discard')}
        </button>
      </div>
    </form>
  );
}
