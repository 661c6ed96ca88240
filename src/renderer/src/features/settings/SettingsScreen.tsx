import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { UI_LANGUAGES, type UiLanguage } from '../../../../shared/languages';
import type { Result } from '../../../../shared/result';
import type { DownloadPolicy, Settings, SettingsPatch, Theme } from '../../../../shared/settings';
import { useApi } from '../../app/api-context';
import { ContentLanguagesField } from './ContentLanguagesField';
import { ExportMyData } from '../export/ExportMyData';
import { DesktopSettings } from './DesktopSettings';
import { AccountSettings } from './AccountSettings';
import { ServerSettings } from './ServerSettings';

const THEMES: readonly Theme[] = ['system', 'light', 'dark'];
const POLICIES: readonly DownloadPolicy[] = ['manual', 'my-editions'];

type SaveState = { kind: 'idle' } | { kind: 'saved' } | { kind: 'failed'; message: string };

export function SettingsScreen({ settings: stored }: { settings: Settings }): React.JSX.Element {
  const { t } = useTranslation('settings');
  const api = useApi();
  const [saveState, setSaveState] = useState<SaveState>({ kind: 'idle' });
  // Show a choice at once; main confirms it (or the change is rolled back with a message).
  const [pending, setPending] = useState<SettingsPatch>({});
  const settings: Settings = { ...stored, ...pending };
  const ids = {
    language: useId(),
    cap: useId(),
  };
  const [capMb, setCapMb] = useState(String(stored.storageCapMb));

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
      <ExportMyData settings={stored} />

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

      <ContentLanguagesField
        settings={stored}
        onSaved={(result) => setSaveState(result.ok ? { kind: 'saved' } : { kind: 'failed', message: result.message })}
      />

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

      <DesktopSettings settings={stored} />

      <ServerSettings settings={stored} />

      <p className="save-state" role="status">
        {saveState.kind === 'saved' ? t('saved') : null}
        {saveState.kind === 'failed' ? t('saveFailed', { message: saveState.message }) : null}
      </p>
    </section>
  );
}
