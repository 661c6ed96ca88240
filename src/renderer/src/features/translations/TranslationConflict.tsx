import { useTranslation } from 'react-i18next';
import { asRecord } from '../../../../shared/records';
import type { OutboxItem } from '../../data/db';
import { ConflictChoice } from '../../ui/ConflictChoice';
import { Markdown } from '../../ui/Markdown';
import { languageName } from '../library/names';
import { neutralizeHtml } from '../forum/post-markdown';
import './translations.css';

interface Version {
  readonly title: string | undefined;
  readonly body: string;
  readonly language: string | undefined;
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
  const before = asRecord(item.before);
  const theirsData = asRecord(item.current?.data);
  const mine = item.name === 'translation.delete' ? undefined : versionOf(item.args, before);
  const theirs = item.current?.deleted === true ? undefined : versionOf(theirsData);
  const language = mine?.language ?? theirs?.language ?? '';

  const side = (version: Version): React.JSX.Element => (
    <div lang={language || undefined} dir="auto">
      {version.title !== undefined ? <p className="translation-conflict-heading">{version.title}</p> : null}
      <Markdown source={neutralizeHtml(version.body)} className="markdown" />
    </div>
  );

  return (
    <ConflictChoice
      item={item}
      labels={{
        title: t('conflict.title', { language: languageName(language, locale) }),
        explain: t('conflict.explain'),
        mine: t('conflict.mine'),
        theirs: t('conflict.theirs'),
        keepMine: t('conflict.keepMine'),
        takeTheirs: t('conflict.takeTheirs'),
        failed: t('editor.saveFailed'),
      }}
      mine={mine === undefined ? <p className="help">{t('conflict.mineDeleted')}</p> : side(mine)}
      theirs={
        theirs === undefined ? (
          <p className="help">
            {item.current?.deleted === true ? t('conflict.theirsDeleted') : t('conflict.theirsUnknown')}
          </p>
        ) : (
          side(theirs)
        )
      }
    />
  );
}
