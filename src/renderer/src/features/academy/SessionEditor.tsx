import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UploadState } from '../../../../shared/contract';
import { CONTENT_LANGUAGES, type ContentLanguage } from '../../../../shared/languages';
import { pickLocalized } from '../../../../shared/localized';
import { useApi } from '../../app/api-context';
import { useDb } from '../../data/data-context';
import type { CachedDocument, CachedMaterial, CachedSession } from '../../data/db';
import { newId } from '../../data/ids';
import { InvalidWriteError } from '../../data/outbox';
import { releaseUploads } from '../../data/upload-uses';
import { formatBytes } from '../../ui/format';
import { languageName } from '../library/names';
import { AttachFiles } from './AttachFiles';
import { publishStaged } from './publish';
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
import { UploadStatus } from './UploadStatus';
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
  const { uploads, remember } = useUploads();

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
    const ui = (CONTENT_LANGUAGES as readonly string[]).includes(i18n.language)
      ? (i18n.language as ContentLanguage)
      : current.language;
    const material = stageFile(
      state,
      { ui, content: languages[0] ?? current.language },
      { materialId: newId(), documentId: newId() },
    );
    update({ ...current, materials: [...current.materials, material] });
  };

  const publish = async (): Promise<void> => {
    const failed = new Set(
      stagedFiles(staged)
        .filter((file) => uploads.get(file.sha256)?.status === 'failed')
        .map((file) => file.sha256),
    );
    const problems = problemsOf(staged, failed);
    if (problems.length > 0) {
      setError(problems.map((problem) => t(`editor.problems.${problem}`)).join(' '));
      return;
    }
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
  return (
    <form
      className="session-editor"
      aria-labelledby={`${id}-heading`}
      onSubmit={(event) => {
        event.preventDefault();
        void publish();
      }}
    >
      <div className="session-editor-head">
        <h3 id={`${id}-heading`}>{staged.isNew ? t('editor.newHeading') : t('editor.editHeading')}</h3>
        <p className="staged-badge" role="status">
          {t('staged')}
        </p>
      </div>
      <p className="help">{t('editor.help', { language: languageName(staged.language, i18n.language) })}</p>
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
          {t('editor.publish')}
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

function MaterialFields({
  material,
  index,
  documents,
  docTitle,
  upload,
  reachable,
  onRetryUpload,
  onChange,
}: {
  material: StagedMaterial;
  index: number;
  documents: readonly CachedDocument[];
  docTitle: (document: CachedDocument) => string;
  upload: UploadState | undefined;
  reachable: boolean | null;
  onRetryUpload: (sha256: string) => void;
  onChange: (material: StagedMaterial) => void;
}): React.JSX.Element {
  const { t, i18n } = useTranslation('academy');
  const content = material.content;
  return (
    <div className="material-fields">
      <p className="material-kind">
        {t('editor.position', { position: index + 1 })} · {t(`kinds.${content.kind}`)}
      </p>
      {content.kind === 'document' ? (
        <label className="field">
          <span>{t('editor.document')}</span>
          <select
            value={content.documentId}
            onChange={(event) =>
              onChange({ ...material, content: { kind: 'document', documentId: event.target.value } })
            }
          >
            {content.documentId === '' ? <option value="">{t('editor.chooseDocument')}</option> : null}
            {documents.map((document) => (
              <option key={document.id} value={document.id}>
                {docTitle(document)}
                {document.year === null ? '' : ` (${document.year})`}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {content.kind === 'link' ? (
        <label className="field">
          <span>{t('editor.url')}</span>
          <input
            type="url"
            value={content.url}
            onChange={(event) => onChange({ ...material, content: { kind: 'link', url: event.target.value } })}
          />
        </label>
      ) : null}
      {content.kind === 'note' ? (
        <label className="field">
          <span>{t('editor.note')}</span>
          <textarea
            rows={4}
            value={content.note}
            onChange={(event) => onChange({ ...material, content: { kind: 'note', note: event.target.value } })}
          />
        </label>
      ) : null}
      {content.kind === 'file' ? (
        <>
          <p className="attached-file">
            <bdi className="file-name" dir="auto">
              {content.fileName}
            </bdi>{' '}
            · {formatBytes(content.size, i18n.language)}
          </p>
          <UploadStatus
            state={upload}
            name={content.fileName}
            reachable={reachable}
            onRetry={() => onRetryUpload(content.sha256)}
          />
          <label className="field">
            <span>{t('editor.fileTitle', { language: languageName(content.titleLanguage, i18n.language) })}</span>
            <input
              type="text"
              lang={content.titleLanguage}
              dir="auto"
              value={content.title}
              required
              onChange={(event) => onChange({ ...material, content: { ...content, title: event.target.value } })}
            />
          </label>
        </>
      ) : (
        <label className="field">
          <span>{t('editor.materialTitle')}</span>
          <input
            type="text"
            value={material.title}
            onChange={(event) => onChange({ ...material, title: event.target.value })}
          />
        </label>
      )}
    </div>
  );
}
