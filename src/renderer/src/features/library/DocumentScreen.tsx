import { useState } from 'react';
import { asksFirst } from '../../../../shared/venue/bandwidth';
import { ConfirmDialog } from '../forum/ConfirmDialog';
import { useTranslation } from 'react-i18next';
import { pickLocalized } from '../../../../shared/localized';
import type { Settings } from '../../../../shared/settings';
import type { DocumentVariant } from '../../../../shared/wire/entities';
import { useApi } from '../../app/api-context';
import { useUiStore } from '../../app/ui-store';
import { useDb } from '../../data/data-context';
import { IsolatedList, isolateText } from '../../ui/bidi';
import { OneThingStates } from '../../ui/states';
import { CitationMenu } from '../export/CitationMenu';
import { PdfViewer } from './PdfViewer';
import { VariantRow } from './VariantRow';
import { countryName, languageName } from './names';
import { formatBytes, listFormat } from '../../ui/format';
import { itemOf } from './offline';
import { useFileStates, useReachable } from './use-files';
import { useQuery } from '../../ui/use-query';
import './library.css';
import { useContentLanguages } from '../../app/use-content-languages';

/** What the last action said; a download's notice follows its file (`sha256`) until it is here. */
type Notice = { kind: 'status' | 'alert'; text: string; sha256?: string } | null;

/** One document: its details in the user's best language, every language version, offline copies and the viewer. */
export function DocumentScreen({
  documentId,
  settings,
}: {
  documentId: string;
  settings: Settings;
}): React.JSX.Element {
  const { t, i18n } = useTranslation('library');
  const languages = useContentLanguages(settings);
  const locale = i18n.language;
  const db = useDb();
  const api = useApi();
  const back = useUiStore((state) => state.back);
  const { states, refresh } = useFileStates();
  const reachable = useReachable();
  const [viewing, setViewing] = useState<DocumentVariant | null>(null);
  const [notice, setNotice] = useState<Notice>(null);
  /** A large download on a metered connection waits for a yes (docs/venue.md, bandwidth budget). */
  const [asking, setAsking] = useState<DocumentVariant | null>(null);
  const data = useQuery(async () => (await db.documents.get(documentId)) ?? null, [db, documentId]);

  const heading = (text: string): React.JSX.Element => (
    <h1 id="document-title" tabIndex={-1}>
      {text}
    </h1>
  );
  const backButton = (
    <button type="button" className="link-button back-link" onClick={back}>
      {t('document.back')}
    </button>
  );
  if (data.status !== 'ready' || data.value === null) {
    return (
      <section className="screen document-screen" aria-labelledby="document-title">
        {backButton}
        {heading(t('document.heading'))}
        <OneThingStates
          query={data}
          text={{
            loading: t('loading'),
            error: t('error'),
            notFound: t('document.notFound'),
            notFoundBody: t('document.notFoundBody'),
          }}
        />
      </section>
    );
  }
  const document = data.value;
  const title = pickLocalized(document.title, languages);
  const summary = document.summary === null ? undefined : pickLocalized(document.summary, languages);
  const titleText = title?.value ?? t('untitled');
  const shown = summary ?? title;
  // Lists are punctuated by the UI language ("A, B and C", "A وB وC", "A, B 및 C").
  const list = (items: readonly string[]): string => listFormat(locale).format(items);
  const names = (codes: readonly string[]): string => list(codes.map((code) => languageName(code, locale)));

  const askThenDownload = (variant: DocumentVariant): void => {
    if (asksFirst(variant.size, settings)) setAsking(variant);
    else void download(variant);
  };
  const download = async (variant: DocumentVariant): Promise<void> => {
    const result = await api.files.download({ items: [itemOf(variant, `document:${document.id}`)] });
    const name = languageName(variant.language, locale);
    if (!result.ok) setNotice({ kind: 'alert', text: t('variant.downloadFailed', { message: result.error.message }) });
    else
      setNotice({
        kind: 'status',
        text: t(reachable === false ? 'variant.queuedOffline' : 'variant.queued', { language: name }),
        sha256: variant.sha256,
      });
  };
  const remove = async (variant: DocumentVariant): Promise<void> => {
    const result = await api.files.remove({ sha256: variant.sha256 });
    if (!result.ok) setNotice({ kind: 'alert', text: t('variant.removeFailed', { message: result.error.message }) });
    else
      setNotice({ kind: 'status', text: t('variant.removed', { language: languageName(variant.language, locale) }) });
    await refresh();
  };

  return (
    <section className="screen document-screen" aria-labelledby="document-title">
      {backButton}
      <p className="document-kicker">
        <span className="badge">{t(`types.${document.type}`, { defaultValue: document.type })}</span>
      </p>
      <div lang={title?.language} dir="auto">
        {heading(titleText)}
      </div>
      {shown === undefined ? null : (
        <p className="help">
          {shown.others.length === 0
            ? t('document.shownIn', { language: languageName(shown.language, locale) })
            : t('document.shownInOthers', {
                language: languageName(shown.language, locale),
                others: names(shown.others),
              })}
        </p>
      )}
      {summary === undefined ? (
        <p className="help">{t('document.noSummary')}</p>
      ) : (
        <p className="document-summary" lang={summary.language} dir="auto">
          {summary.value}
        </p>
      )}
      <dl className="document-details">
        <dt>{t('facets.type')}</dt>
        <dd>{t(`types.${document.type}`, { defaultValue: document.type })}</dd>
        <dt>{t('facets.series')}</dt>
        <dd dir={document.series === null ? undefined : 'auto'}>{document.series ?? t('document.none')}</dd>
        <dt>{t('facets.year')}</dt>
        <dd>{document.year ?? t('document.none')}</dd>
        <dt>{t('document.countries')}</dt>
        <dd>
          {document.countries.length === 0
            ? t('document.none')
            : list(document.countries.map((country) => countryName(country, locale)))}
        </dd>
        <dt>{t('document.topics')}</dt>
        <dd>
          {document.topics.length === 0 ? t('document.none') : <IsolatedList items={document.topics} locale={locale} />}
        </dd>
      </dl>
      <CitationMenu target={{ kind: 'document', id: document.id, title: titleText }} languages={languages} />
      {notice === null ? null : (
        <p className={notice.kind === 'alert' ? 'field-error' : 'offline-note'} role={notice.kind}>
          {notice.sha256 !== undefined && states.get(notice.sha256)?.status === 'done'
            ? t('variant.arrived', {
                language: languageName(
                  document.variants.find((variant) => variant.sha256 === notice.sha256)?.language ?? '',
                  locale,
                ),
              })
            : notice.text}
        </p>
      )}
      <h2 className="section-heading">{t('document.versions', { count: document.variants.length })}</h2>
      {reachable === false ? <p className="help">{t('document.offlineHint')}</p> : null}
      <ul className="variant-list">
        {document.variants.map((variant) => (
          <VariantRow
            key={variant.sha256}
            variant={variant}
            state={states.get(variant.sha256)}
            reachable={reachable}
            actions={{
              download: () => askThenDownload(variant),
              cancel: () => void api.files.cancel({ sha256: variant.sha256 }),
              remove: () => void remove(variant),
              open: () => setViewing(variant),
              openWithSystem: () => void api.files.openWithSystem({ sha256: variant.sha256 }),
            }}
          />
        ))}
      </ul>
      {viewing === null ? null : (
        <PdfViewer
          key={viewing.sha256}
          sha256={viewing.sha256}
          title={t('viewer.title', { title: isolateText(titleText), language: languageName(viewing.language, locale) })}
          onDownload={() => askThenDownload(viewing)}
          onClose={() => setViewing(null)}
        />
      )}
      {asking === null ? null : (
        <ConfirmDialog
          title={t('variant.askTitle')}
          body={t('variant.askBody', {
            size: formatBytes(asking.size, locale),
            language: languageName(asking.language, locale),
          })}
          confirmLabel={t('variant.askConfirm')}
          cancelLabel={t('variant.askCancel')}
          onConfirm={() => {
            const variant = asking;
            setAsking(null);
            void download(variant);
          }}
          onCancel={() => setAsking(null)}
        />
      )}
    </section>
  );
}
