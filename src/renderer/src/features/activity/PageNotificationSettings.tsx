import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../../../../shared/settings';
import { useApi } from '../../app/api-context';
import { pagePermission, type PagePermission } from './notifier';

/**
 * In a browser, notifications of replies and mentions need the page's
 * permission, asked for only when the user turns them on here (a browser
 * refuses a request that no click led to). Turning them off keeps the
 * permission and mutes them, with the same setting the desktop app uses.
 */
export function PageNotificationSettings({ settings }: { settings: Settings }): React.JSX.Element {
  const { t } = useTranslation('activity');
  const { t: ts } = useTranslation('settings');
  const api = useApi();
  const [permission, setPermission] = useState<PagePermission>(pagePermission);
  const [failure, setFailure] = useState<string | null>(null);
  const on = permission === 'granted' && !settings.muteNotifications;

  const mute = async (muted: boolean): Promise<void> => {
    const result = await api.settings.set({ muteNotifications: muted });
    setFailure(result.ok ? null : result.error.message);
  };
  const turnOn = async (): Promise<void> => {
    const answer = permission === 'granted' ? 'granted' : await Notification.requestPermission();
    setPermission(answer);
    if (answer === 'granted') await mute(false);
  };

  return (
    <fieldset className="field-group">
      <legend>{t('settings.legend')}</legend>
      <p className="help">{t('settings.browserHelp')}</p>
      {permission === 'unsupported' ? <p className="help">{t('settings.unsupported')}</p> : null}
      {permission === 'denied' ? <p className="help">{t('settings.denied')}</p> : null}
      {permission === 'granted' || permission === 'default' ? (
        <div className="choice-row">
          <p role="status">{on ? t('settings.on') : t('settings.off')}</p>
          <button type="button" className="button-secondary" onClick={() => void (on ? mute(true) : turnOn())}>
            {on ? t('settings.turnOff') : t('settings.turnOn')}
          </button>
        </div>
      ) : null}
      <p className="help">{t('settings.muteHelp')}</p>
      {failure !== null ? (
        <p className="field-error" role="alert">
          {ts('saveFailed', { message: failure })}
        </p>
      ) : null}
    </fieldset>
  );
}
