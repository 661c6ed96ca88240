import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDb } from '../../data/data-context';
import type { OutboxItem } from '../../data/db';
import { keepMine, takeTheirs } from '../../data/outbox';
import { Markdown } from '../../ui/Markdown';
import { languageName } from '../forum/language-name';
import { neutralizeHtml } from '../forum/post-markdown';
import './translations.css';

interface Version {
  readonly title: string | undefined;
  readonly body: string;
  readonly language: string | undefined;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function versionOf(...sources: (Record<string, unknown> | undefined)[]): Version | undefined {
  const pick = (name: string): string | undefined => {
    for (const source of sources) {
      const value = source?.[name];
      if (typeof value === 'string') return value;
    }
    return undefined;
  };
  const body = pick('body');
  return body === undefined ? undefined : { title: pick('title'), body, language: pick('language') };
}

/**
 * Someone else (a moderator, or the translator on another computer) changed a
 * translation the reader edited or deleted: both versions side by side, and
 * the reader chooses. Nothing is lost until they do.
 */
export function TranslationConflict({ item, locale }: { item: OutboxItem; locale: string }): React.JSX.Element {
  const { t } = useTranslation('translations');
  const db = useDb();
  const headingId = useId();
  const [failed, setFailed] = useState(false);
  const before = record(item.before);
  const theirsData = record(item.current?.data);
  const mine = item.name === 'translation.delete' ? undefined : versionOf(item.args, before);
  const theirs = item.current?.deleted === true ? undefined : versionOf(theirsData);
  const language = mine?.language ?? theirs?.language ?? '';

  const choose = (choice: typeof keepMine): void => {
    if (item.seq === undefined) return;
    setFailed(false);
    choice(db, item.seq).catch(() => setFailed(true));
  };

  const side = (version: Version): React.JSX.Element => (
    <div lang={language || undefined} dir="auto">
      {version.title !== undefined ? <p className="translation-conflict-heading">{version.title}</p> : null}
      <Markdown source={neutralizeHtml(version.body)} className="markdown" />
    </div>
  );

  return (
    <section className="translation-conflict" aria-labelledby={headingId}>
      <p id={headingId} className="translation-conflict-title">
        {t('conflict.title', { language: languageName(language, locale) })}
      </p>
      <p className="help">{t('conflict.explain')}</p>
      <div className="translation-conflict-columns">
        <div className="translation-conflict-side">
          <h4>{t('conflict.mine')}</h4>
          {mine === undefined ? <p className="help">{t('conflict.mineDeleted')}</p> : side(mine)}
        </div>
        <div className="translation-conflict-side">
          <h4>{t('conflict.theirs')}</h4>
          {theirs === undefined ? (
            <p className="help">
              {item.current?.deleted === true ? t('conflict.theirsDeleted') : t('conflict.theirsUnknown')}
            </p>
          ) : (
            side(theirs)
          )}
        </div>
      </div>
      <div className="translation-editor-actions">
        <button type="button" className="button-primary" onClick={() => choose(keepMine)}>
          {t('conflict.keepMine')}
        </button>
        <button type="button" className="button-secondary" onClick={() => choose(takeTheirs)}>
          {t('conflict.takeTheirs')}
        </button>
      </div>
      {failed ? (
        <p className="field-error" role="alert">
          {t('editor.saveFailed')}
        </p>
      ) : null}
    </section>
  );
}
