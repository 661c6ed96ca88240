import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { archiveName, myDataArchive } from '../../../../shared/export/my-data-archive';
import type { MyData } from '../../../../shared/export/export-format';
import type { Settings } from '../../../../shared/settings';
import { useSession } from '../../app/session-context';
import { useContentLanguages } from '../../app/use-content-languages';
import { useDb } from '../../data/data-context';
import { formatNumber } from '../../ui/format';
import { exportWords } from './export-words';
import { gatherMyData } from './gather-my-data';
import { SaveStatus } from './SaveStatus';
import { useSave } from './use-save';
import './export.css';

/**
 * Settings' "Your data": everything this person wrote, from this computer's
 * copy (no server call), as a zip of Markdown files and one JSON file.
 */
export function ExportMyData({ settings }: { settings: Settings }): React.JSX.Element | null {
  const { t, i18n } = useTranslation('export');
  const db = useDb();
  const session = useSession();
  const languages = useContentLanguages(settings);
  const { state, save } = useSave();
  const [made, setMade] = useState<MyData | null>(null);
  const user = session.user;
  if (user === undefined) return null;

  const run = (): void => {
    setMade(null);
    void save(async () => {
      const data = await gatherMyData(db, {
        userId: user.id,
        displayName: user.displayName,
        serverUrl: session.serverUrl,
        languages,
      });
      setMade(data);
      return {
        fileName: archiveName(data),
        mime: 'application/zip',
        bytes: myDataArchive(data, exportWords(i18n, i18n.language)),
        filter: { name: t('save.filters.zip'), extensions: ['zip'] },
      };
    });
  };

  const count = (key: string, value: number): string =>
    t(key, { count: value, formatted: formatNumber(value, i18n.language) });
  const done = state.kind === 'saved' || state.kind === 'downloaded';

  return (
    <fieldset className="field-group export-my-data">
      <legend>{t('myData.legend')}</legend>
      <p className="help">{t('myData.help')}</p>
      <p className="help">{t('myData.sessionsNote')}</p>
      <button type="button" className="button-secondary" disabled={state.kind === 'working'} onClick={run}>
        {t('myData.button')}
      </button>
      {state.kind === 'idle' ? null : <SaveStatus state={state} working={t('myData.working')} />}
      {done && made !== null ? (
        <p className="help">
          {t('myData.summary', {
            posts: count('myData.posts', made.posts.length),
            threads: count('myData.threads', new Set(made.posts.map((post) => post.threadId)).size),
            drafts: count('myData.drafts', made.drafts.length),
            translations: count('myData.translations', made.translations.length),
            sessions: count('myData.sessions', made.sessions.length),
          })}
        </p>
      ) : null}
    </fieldset>
  );
}
