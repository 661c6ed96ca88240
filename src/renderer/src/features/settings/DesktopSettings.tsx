import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DesktopState, UpdateState } from '../../../../shared/desktop';
import type { Result } from '../../../../shared/result';
import type { Settings, SettingsPatch, UpdateChannel } from '../../../../shared/settings';
import { useApi } from '../../app/api-context';
import { ResumeSyncButton } from '../desktop/ResumeSyncButton';
import { formatBytes, formatDateTime } from '../../ui/format';

const CHANNELS: readonly UpdateChannel[] = ['stable', 'beta'];

/** A version like 1.3.0-beta.2 keeps its order inside right-to-left text (FSI … PDI). */
function isolate(version: string): string {
  return `\u2068${version}\u2069`;
}

/** The desktop shell's state, kept current by its events; null until main has answered. */
function useDesktopState(): DesktopState | null {
  const api = useApi();
  const [state, setState] = useState<DesktopState | null>(null);
  useEffect(() => {
    let live = true;
    void api.desktop.state().then((result) => {
      if (live && result.ok) setState(result.value);
    });
    const off = api.on('desktop.changed', setState);
    return () => {
      live = false;
      off();
    };
  }, [api]);
  return state;
}

function UpdateStatus({ update, locale }: { update: UpdateState; locale: string }): React.JSX.Element {
  const { t } = useTranslation('settings');
  switch (update.status) {
    case 'unsupported':
      return <>{t(`updates.state.unsupported.${update.reason}`)}</>;
    case 'idle':
      return <>{t('updates.state.idle')}</>;
    case 'checking':
      return <>{t('updates.state.checking')}</>;
    case 'up-to-date':
      return <>{t('updates.state.upToDate', { when: formatDateTime(update.checkedAt, locale) })}</>;
    case 'available':
      return (
        <>
          {t(update.waitingFor === 'metered' ? 'updates.state.waitingMetered' : 'updates.state.available', {
            version: isolate(update.version),
          })}
        </>
      );
    case 'downloading':
      return (
        <>
          {update.totalBytes > 0
            ? t('updates.state.downloading', {
                version: isolate(update.version),
                done: formatBytes(update.transferredBytes, locale),
                total: formatBytes(update.totalBytes, locale),
              })
            : t('updates.state.downloadStarting', { version: isolate(update.version) })}
        </>
      );
    case 'downloaded':
      return <>{t('updates.state.downloaded', { version: isolate(update.version) })}</>;
    case 'error':
      return <>{t(`updates.state.error.${update.code}`, { when: formatDateTime(update.checkedAt, locale) })}</>;
  }
}

/**
 * Settings of the desktop app: updates (version, channel, Check now, what is
 * happening), the metered connection, notifications, start at login and
 * background sync. In a browser there is no desktop shell: it says so once,
 * instead of showing controls that would do nothing.
 */
export function DesktopSettings({ settings }: { settings: Settings }): React.JSX.Element | null {
  const { t, i18n } = useTranslation('settings');
  const api = useApi();
  const desktop = useDesktopState();
  const [version, setVersion] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ids = { updates: useId(), status: useId() };

  useEffect(() => {
    let live = true;
    void api.app.info().then((result) => {
      if (live && result.ok) setVersion(result.value.version);
    });
    return () => {
      live = false;
    };
  }, [api]);

  if (desktop === null) return null;
  if (!desktop.available) {
    return (
      <fieldset className="field-group">
        <legend>{t('desktop.legend')}</legend>
        <p className="help">{t('desktop.browserMode')}</p>
      </fieldset>
    );
  }

  const save = async (patch: SettingsPatch): Promise<void> => {
    const result: Result<Settings> = await api.settings.set(patch);
    setFailure(result.ok ? null : result.error.message);
  };
  const act = async (run: () => Promise<Result<unknown>>): Promise<void> => {
    setBusy(true);
    const result = await run();
    setBusy(false);
    setFailure(result.ok ? null : result.error.message);
  };
  const { update } = desktop;
  const updating = update.status === 'checking' || update.status === 'downloading';
  const canUpdate = update.status !== 'unsupported';

  return (
    <>
      <fieldset className="field-group" aria-describedby={ids.status}>
        <legend>{t('updates.legend')}</legend>
        {version !== null ? <p>{t('updates.version', { version: isolate(version) })}</p> : null}
        <fieldset className="choice-column" disabled={!canUpdate}>
          <legend className="visually-hidden">{t('updates.channel')}</legend>
          {CHANNELS.map((channel) => (
            <label key={channel} className="choice">
              <input
                type="radio"
                name="update-channel"
                value={channel}
                checked={settings.updateChannel === channel}
                onChange={() => void save({ updateChannel: channel })}
              />
              {t(`updates.channels.${channel}`)}
            </label>
          ))}
        </fieldset>
        <p id={ids.status} className="update-state" role="status">
          <UpdateStatus update={update} locale={i18n.language} />
        </p>
        {update.status === 'downloading' && update.totalBytes > 0 ? (
          <progress
            value={update.transferredBytes}
            max={update.totalBytes}
            aria-label={t('updates.progress', { version: isolate(update.version) })}
          />
        ) : null}
        {canUpdate ? (
          <div className="choice-row">
            <button
              type="button"
              className="button-secondary"
              disabled={busy || updating || update.status === 'downloaded'}
              onClick={() => void act(() => api.desktop.checkForUpdates())}
            >
              {t('updates.checkNow')}
            </button>
            {update.status === 'available' ? (
              <button
                type="button"
                className="button-secondary"
                disabled={busy}
                onClick={() => void act(() => api.desktop.downloadUpdate())}
              >
                {t('updates.download')}
              </button>
            ) : null}
            {update.status === 'downloaded' ? (
              <button
                type="button"
                className="button-primary"
                disabled={busy}
                onClick={() => void act(() => api.desktop.installUpdate())}
              >
                {t('updates.restart')}
              </button>
            ) : null}
          </div>
        ) : null}
        <label className="choice">
          <input
            type="checkbox"
            checked={settings.metered}
            onChange={(event) => void save({ metered: event.target.checked })}
          />
          {t('updates.metered')}
        </label>
        <p className="help">{t('updates.meteredHelp')}</p>
      </fieldset>

      <fieldset className="field-group">
        <legend>{t('desktop.legend')}</legend>
        <label className="choice">
          <input
            type="checkbox"
            checked={settings.startAtLogin}
            onChange={(event) => void save({ startAtLogin: event.target.checked })}
          />
          {t('desktop.startAtLogin')}
        </label>
        <label className="choice">
          <input
            type="checkbox"
            checked={settings.backgroundSync}
            onChange={(event) => void save({ backgroundSync: event.target.checked })}
          />
          {t('desktop.backgroundSync')}
        </label>
        <p className="help">{t('desktop.backgroundSyncHelp')}</p>
        <label className="choice">
          <input
            type="checkbox"
            checked={settings.muteNotifications}
            onChange={(event) => void save({ muteNotifications: event.target.checked })}
          />
          {t('desktop.mute')}
        </label>
        <p className="help">{t('desktop.muteHelp')}</p>
        {desktop.syncPaused ? (
          <div className="choice-row">
            <p>{t('desktop.syncPaused')}</p>
            <ResumeSyncButton />
          </div>
        ) : null}
        {failure !== null ? (
          <p className="field-error" role="alert">
            {t('saveFailed', { message: failure })}
          </p>
        ) : null}
      </fieldset>
    </>
  );
}
