import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { CONTENT_LANGUAGES, type ContentLanguage } from '../../../../shared/languages';
import type { Settings } from '../../../../shared/settings';
import { useApi } from '../../app/api-context';
import { useSession } from '../../app/session-context';
import { useContentLanguages } from '../../app/use-content-languages';
import { useDb } from '../../data/data-context';
import { enqueueWrites } from '../../data/outbox';
import { languageName } from '../library/names';

function move<T>(list: readonly T[], index: number, by: number): T[] {
  const next = [...list];
  const target = index + by;
  if (target < 0 || target >= next.length) return next;
  const [item] = next.splice(index, 1);
  if (item !== undefined) next.splice(target, 0, item);
  return next;
}

export type SaveResult = { ok: true } | { ok: false; message: string };

/**
 * The reader's content languages, in order: the one list every screen uses
 * (see useContentLanguages), shown and edited here. Signed in, it is saved on
 * the user's profile (`profile.update`, an outbox write: offline like any
 * other, and every computer they sign in on follows it) and in this
 * computer's settings, which are the list when signed out.
 */
export function ContentLanguagesField({
  settings,
  onSaved,
}: {
  settings: Settings;
  onSaved: (result: SaveResult) => void;
}): React.JSX.Element {
  const { t, i18n } = useTranslation('settings');
  const api = useApi();
  const db = useDb();
  const session = useSession();
  const languages = useContentLanguages(settings);
  const addId = useId();
  const nameOf = (code: string): string => languageName(code, i18n.language);
  const missing = CONTENT_LANGUAGES.filter((code) => !languages.includes(code));

  const save = async (next: ContentLanguage[]): Promise<void> => {
    try {
      if (session.user !== undefined) {
        await enqueueWrites(db, [{ name: 'profile.update', args: { contentLanguages: next } }]);
      }
      const local = await api.settings.set({ contentLanguages: next });
      onSaved(local.ok ? { ok: true } : { ok: false, message: local.error.message });
    } catch (error) {
      onSaved({ ok: false, message: error instanceof Error ? error.message : String(error) });
    }
  };

  return (
    <fieldset className="field-group">
      <legend>{t('content.legend')}</legend>
      <p className="help">{t('content.help')}</p>
      {session.user !== undefined ? <p className="help">{t('content.profile')}</p> : null}
      <ol className="language-order">
        {languages.map((code, index) => (
          <li key={code}>
            <span lang={code}>{nameOf(code)}</span>
            <button
              type="button"
              className="button-secondary"
              disabled={index === 0}
              onClick={() => void save(move(languages, index, -1))}
              aria-label={t('content.up', { language: nameOf(code) })}
            >
              ↑
            </button>
            <button
              type="button"
              className="button-secondary"
              disabled={index === languages.length - 1}
              onClick={() => void save(move(languages, index, 1))}
              aria-label={t('content.down', { language: nameOf(code) })}
            >
              ↓
            </button>
            <button
              type="button"
              className="button-secondary"
              disabled={languages.length === 1}
              onClick={() => void save(languages.filter((other) => other !== code))}
              aria-label={t('content.remove', { language: nameOf(code) })}
            >
              ×
            </button>
          </li>
        ))}
      </ol>
      {missing.length > 0 ? (
        <>
          <label htmlFor={addId}>{t('content.add')}</label>
          <select
            id={addId}
            value=""
            onChange={(event) => void save([...languages, event.target.value as ContentLanguage])}
          >
            <option value="">{t('content.choose')}</option>
            {missing.map((code) => (
              <option key={code} value={code} lang={code}>
                {nameOf(code)}
              </option>
            ))}
          </select>
        </>
      ) : null}
    </fieldset>
  );
}
