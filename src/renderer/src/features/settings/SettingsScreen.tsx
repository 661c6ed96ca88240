import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CONTENT_LANGUAGES, UI_LANGUAGES, type ContentLanguage, type UiLanguage } from '../../../../shared/languages';
import type { Result } from '../../../../shared/result';
import { type DownloadPolicy, type Settings, type SettingsPatch, type Theme } from '../../../../shared/settings';
import { useApi } from '../../app/api-context';
import { languageName } from '../library/names';
import { AccountSettings } from './AccountSettings';
import { ServerSettings } from './ServerSettings';

const THEMES: readonly Theme[] = ['system', 'light', 'dark'];
const POLICIES: readonly DownloadPolicy[] = ['manual', 'my-editions'];

function move<T>(list: readonly T[], index: number, by: number): T[] {
  const next = [...list];
  const target = index + by;
  if (target < 0 || target >= next.length) return next;
  const [item] = next.splice(index, 1);
  if (item !== undefined) next.splice(target, 0, item);
  return next;
}

type SaveState = { kind: 'idle' } | { kind: 'saved' } | { kind: 'failed'; message: string };

export function SettingsScreen({ settings: stored }: { settings: Settings }): React.JSX.Element {
  const { t, i18n } = useTranslation('settings');
  const api = useApi();
  const nameOf = (code: string): string => languageName(code, i18n.language);
  const [saveState, setSaveState] = useState<SaveState>({ kind: 'idle' });
  // Show a choice at once; main confirms it (or the change is rolled back with a message).
  const [pending, setPending] = useState<SettingsPatch>({});
  const settings: Settings = { ...stored, ...pending };
  const ids = {
    language: useId(),
    addLanguage: useId(),
    cap: useId(),
  };
  const [capMb, setCapMb] = useState(String(stored.storageCapMb));
  const missingLanguages = CONTENT_LANGUAGES.filter((code) => !settings.contentLanguages.includes(code));

  const save = async (patch: SettingsPatch): Promise<void> => {
    setPending((previous) => ({ ...previous, ...patch }));
    const result: Result<Settings> = await api.settings.set(patch);
    setPending({});
    setSaveState(result.ok ? { kind: 'saved' } : { kind: 'failed', message: result.error.message });
  };

  return (
    <section className="screen" aria-labelledby="settings-title">
      <h1 id="settings-title" tabIndex={-1}>
        {t('title')}
      </h1>

      <AccountSettings />

      <fieldset className="field-group">
        <legend>{t('language.legend')}</legend>
        <label htmlFor={ids.language}>{t('language.label')}</label>
        <select
          id={ids.language}
          value={settings.uiLanguage}
          onChange={(event) => void save({ uiLanguage: event.target.value as UiLanguage })}
        >
          {UI_LANGUAGES.map((language) => (
            <option key={language} value={language} lang={language}>
              {t(`languages.${language}`)}
            </option>
          ))}
        </select>
      </fieldset>

      <fieldset className="field-group">
        <legend>{t('content.legend')}</legend>
        <p className="help">{t('content.help')}</p>
        <ol className="language-order">
          {settings.contentLanguages.map((code, index) => (
            <li key={code}>
              <span lang={code}>{nameOf(code)}</span>
              <button
                type="button"
                className="button-secondary"
                disabled={index === 0}
                onClick={() => void save({ contentLanguages: move(settings.contentLanguages, index, -1) })}
                aria-label={t('content.up', { language: nameOf(code) })}
              >
                ↑
              </button>
              <button
                type="button"
                className="button-secondary"
                disabled={index === settings.contentLanguages.length - 1}
                onClick={() => void save({ contentLanguages: move(settings.contentLanguages, index, 1) })}
                aria-label={t('content.down', { language: nameOf(code) })}
              >
                ↓
              </button>
              <button
                type="button"
                className="button-secondary"
                disabled={settings.contentLanguages.length === 1}
                onClick={() =>
                  void save({ contentLanguages: settings.contentLanguages.filter((other) => other !== code) })
                }
                aria-label={t('content.remove', { language: nameOf(code) })}
              >
                ×
              </button>
            </li>
          ))}
        </ol>
        {missingLanguages.length > 0 ? (
          <>
            <label htmlFor={ids.addLanguage}>{t('content.add')}</label>
            <select
              id={ids.addLanguage}
              value=""
              onChange={(event) =>
                void save({ contentLanguages: [...settings.contentLanguages, event.target.value as ContentLanguage] })
              }
            >
              <option value="">{t('content.choose')}</option>
              {missingLanguages.map((code) => (
                <option key={code} value={code} lang={code}>
                  {nameOf(code)}
                </option>
              ))}
            </select>
          </>
        ) : null}
      </fieldset>

      <fieldset className="field-group">
        <legend>{t('downloads.legend')}</legend>
        <div className="choice-column">
          {POLICIES.map((policy) => (
            <label key={policy} className="choice">
              <input
                type="radio"
                name="download-policy"
                value={policy}
                checked={settings.downloadPolicy === policy}
                onChange={() => void save({ downloadPolicy: policy })}
              />
              {t(`downloads.${policy}`)}
            </label>
          ))}
        </div>
        <label htmlFor={ids.cap}>{t('downloads.cap')}</label>
        <input
          id={ids.cap}
          type="number"
          min={100}
          step={100}
          value={capMb}
          onChange={(event) => setCapMb(event.target.value)}
          onBlur={() => {
            const value = Number(capMb);
            if (Number.isInteger(value) && value >= 100) void save({ storageCapMb: value });
          }}
        />
        <p className="help">{t('downloads.capHelp')}</p>
      </fieldset>

      <fieldset className="field-group">
        <legend>{t('theme.legend')}</legend>
        <div className="choice-row">
          {THEMES.map((theme) => (
            <label key={theme} className="choice">
              <input
                type="radio"
                name="theme"
                value={theme}
                checked={settings.theme === theme}
                onChange={() => void save({ theme })}
              />
              {t(`theme.${theme}`)}
            </label>
          ))}
        </div>
      </fieldset>

      <ServerSettings settings={stored} />

      <p className="save-state" role="status">
        {saveState.kind === 'saved' ? t('saved') : null}
        {saveState.kind === 'failed' ? t('saveFailed', { message: saveState.message }) : null}
      </p>
    </section>
  );
}
