import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContentLanguage } from '../../../../shared/languages';
import { CITATION_FILES, CITATION_STYLES, type CitationStyle } from '../../../../shared/export/citation-styles';
import type { CslItem } from '../../../../shared/export/citations';
import { fileNameOf } from '../../../../shared/export/file-names';
import { useDb } from '../../data/data-context';
import { formatNumber } from '../../ui/format';
import { useQuery } from '../../ui/use-query';
import { collectionCitables, documentCitables } from './citable';
import type * as CitationEngine from './citation-engine';
import { SaveStatus } from './SaveStatus';
import { useSave } from './use-save';
import './export.css';

type Engine = typeof CitationEngine;
type EngineState = { status: 'loading' } | { status: 'ready'; engine: Engine } | { status: 'failed'; message: string };

export interface CitationTarget {
  kind: 'document' | 'collection';
  id: string;
  /** The title as the screen shows it: names the saved file. */
  title: string;
  /** An Academy edition (a collection with an edition): the panel says so. */
  edition?: boolean;
}

/**
 * "Cite": a panel to choose a style (APA, Chicago, BibTeX, RIS), read the
 * citation, copy it, or save a .bib or .ris file for Zotero and other
 * reference managers. Formatting is loaded the first time the panel opens.
 */
export function CitationMenu({
  target,
  languages,
}: {
  target: CitationTarget;
  languages: readonly ContentLanguage[];
}): React.JSX.Element {
  const { t, i18n } = useTranslation('export');
  const db = useDb();
  const [open, setOpen] = useState(false);
  const [style, setStyle] = useState<CitationStyle>('apa');
  const [copied, setCopied] = useState<'copied' | 'failed' | null>(null);
  const [engine, setEngine] = useState<EngineState>({ status: 'loading' });
  const { state: saveState, save } = useSave();
  const triggerRef = useRef<HTMLButtonElement>(null);
  const firstChoiceRef = useRef<HTMLInputElement>(null);
  const ids = { panel: useId(), heading: useId(), preview: useId() };
  const citables = useQuery(
    () => (target.kind === 'document' ? documentCitables(db, target.id) : collectionCitables(db, target.id)),
    [db, target.kind, target.id],
  );

  useEffect(() => {
    if (!open || engine.status === 'ready') return;
    let live = true;
    import('./citation-engine').then(
      (loaded) => live && setEngine({ status: 'ready', engine: loaded }),
      (error: unknown) => live && setEngine({ status: 'failed', message: String(error) }),
    );
    return () => {
      live = false;
    };
  }, [open, engine.status]);

  useEffect(() => {
    if (open) firstChoiceRef.current?.focus();
  }, [open]);

  const close = (): void => {
    setOpen(false);
    triggerRef.current?.focus();
  };

  const set = citables.status === 'ready' ? citables.value : null;
  const items = useMemo<CslItem[]>(
    () =>
      engine.status === 'ready' && set !== null ? set.items.map((item) => engine.engine.toCsl(item, languages)) : [],
    [engine, set, languages],
  );
  const format = (chosen: CitationStyle): string =>
    engine.status === 'ready' ? engine.engine.formatCitations(items, chosen, i18n.language) : '';
  // citeproc takes a few milliseconds an entry: once per style, language and content, not per render.
  const formatted = useMemo((): { text: string; error: string | null } => {
    if (engine.status !== 'ready') return { text: '', error: null };
    try {
      return { text: engine.engine.formatCitations(items, style, i18n.language), error: null };
    } catch (error) {
      return { text: '', error: error instanceof Error ? error.message : String(error) };
    }
  }, [engine, items, style, i18n.language]);
  const text = formatted.text;
  const formatError = formatted.error;

  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied('copied');
    } catch {
      setCopied('failed');
    }
  };
  const saveAs = (chosen: 'bibtex' | 'ris'): void => {
    const { extension, mime } = CITATION_FILES[chosen];
    void save(() =>
      Promise.resolve({
        fileName: `${fileNameOf(target.title, 'citations', 60)}.${extension}`,
        mime,
        bytes: new TextEncoder().encode(format(chosen)),
        filter: { name: t(`save.filters.${chosen}`), extensions: [extension] },
      }),
    );
  };

  const heading =
    target.kind === 'document'
      ? t('cite.documentHeading')
      : target.edition === true
        ? t('cite.editionHeading')
        : t('cite.collectionHeading');
  const ready = engine.status === 'ready' && items.length > 0 && formatError === null;

  return (
    <div className="citation-menu">
      <button
        ref={triggerRef}
        type="button"
        className="button-secondary"
        aria-expanded={open}
        aria-controls={ids.panel}
        onClick={() => (open ? close() : setOpen(true))}
      >
        {t('cite.button')}
      </button>
      {open ? (
        <section
          id={ids.panel}
          className="export-panel"
          aria-labelledby={ids.heading}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.stopPropagation();
              close();
            }
          }}
        >
          <h2 id={ids.heading} className="export-panel-title">
            {heading}
          </h2>
          {target.kind === 'collection' && set !== null && set.items.length > 0 ? (
            <p className="help">
              {t('cite.collectionHelp', {
                count: set.items.length,
                formatted: formatNumber(set.items.length, i18n.language),
              })}
            </p>
          ) : null}
          <fieldset className="export-choices">
            <legend>{t('cite.style')}</legend>
            {CITATION_STYLES.map((choice, index) => (
              <label key={choice} className="choice">
                <input
                  ref={index === 0 ? firstChoiceRef : undefined}
                  type="radio"
                  name={`${ids.panel}-style`}
                  value={choice}
                  checked={style === choice}
                  onChange={() => {
                    setStyle(choice);
                    setCopied(null);
                  }}
                />
                {t(`cite.styles.${choice}`)}
              </label>
            ))}
          </fieldset>
          {citables.status === 'error' || engine.status === 'failed' || formatError !== null ? (
            <p className="field-error" role="alert">
              {t('cite.failed', {
                message:
                  citables.status === 'error'
                    ? citables.message
                    : engine.status === 'failed'
                      ? engine.message
                      : formatError,
              })}
            </p>
          ) : engine.status === 'loading' || citables.status === 'loading' ? (
            <p className="help" role="status">
              {t('cite.loading')}
            </p>
          ) : items.length === 0 ? (
            <p className="help">{t('cite.empty')}</p>
          ) : (
            <figure className="citation-figure">
              <figcaption id={ids.preview} className="visually-hidden">
                {t('cite.preview')}
              </figcaption>
              <pre
                className={style === 'bibtex' || style === 'ris' ? 'citation-preview is-code' : 'citation-preview'}
                dir="auto"
              >
                {text}
              </pre>
            </figure>
          )}
          <div className="button-row">
            <button type="button" className="button-primary" disabled={!ready} onClick={() => void copy()}>
              {t('cite.copy')}
            </button>
            <button type="button" className="button-secondary" disabled={!ready} onClick={() => saveAs('bibtex')}>
              {t('cite.saveBib')}
            </button>
            <button type="button" className="button-secondary" disabled={!ready} onClick={() => saveAs('ris')}>
              {t('cite.saveRis')}
            </button>
            <button type="button" className="button-secondary" onClick={close}>
              {t('cite.close')}
            </button>
          </div>
          <p className={copied === 'failed' ? 'field-error' : 'help'} role={copied === 'failed' ? 'alert' : 'status'}>
            {copied === 'copied' ? t('cite.copied') : copied === 'failed' ? t('cite.copyFailed') : null}
          </p>
          {saveState.kind === 'idle' ? null : <SaveStatus state={saveState} working={t('cite.loading')} />}
          <p className="export-credit">{t('cite.credit')}</p>
        </section>
      ) : null}
    </div>
  );
}
