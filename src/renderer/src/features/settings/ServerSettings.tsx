import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Result } from '../../../../shared/result';
import { HttpUrlSchema, isInsecureServerUrl, type Settings } from '../../../../shared/settings';
import { useApi } from '../../app/api-context';
import { useSession } from '../../app/session-context';
import { useDb } from '../../data/data-context';
import { ConfirmDialog } from '../forum/ConfirmDialog';
import { isolateText } from '../../ui/bidi';
import { InsecureConnectionOption } from './InsecureConnectionOption';

type Problem = 'invalid' | 'insecure' | null;
type Outcome = { kind: 'idle' } | { kind: 'saved' } | { kind: 'failed'; message: string };

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/**
 * The server this app syncs with. A session belongs to the server that
 * issued it, so moving to another one signs out, after the user confirms:
 * the writes waiting for this server stay in its outbox, and go to it (never
 * to the new one) once the user signs in to it again.
 */
export function ServerSettings({ settings }: { settings: Settings }): React.JSX.Element {
  const { t } = useTranslation('settings');
  const api = useApi();
  const session = useSession();
  const db = useDb();
  const waiting = useLiveQuery(() => db.outbox.count(), [db]) ?? 0;
  const ids = { server: useId(), help: useId(), error: useId(), status: useId() };
  const [serverUrl, setServerUrl] = useState(settings.serverUrl);
  const [problem, setProblem] = useState<Problem>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' });
  // The choice shows at once; main confirms it (or it goes back, with the reason).
  const [insecureChoice, setInsecureChoice] = useState<boolean | null>(null);
  const allowInsecure = insecureChoice ?? settings.allowInsecureHttp === true;

  const report = (result: Result<unknown>): void => {
    setOutcome(result.ok ? { kind: 'saved' } : { kind: 'failed', message: result.error.message });
    if (!result.ok && result.error.code === 'insecure-server') setProblem('insecure');
  };

  const submit = (event: React.SyntheticEvent<HTMLFormElement>): void => {
    event.preventDefault();
    const next = serverUrl.trim();
    if (!HttpUrlSchema.safeParse(next).success) {
      setProblem('invalid');
      return;
    }
    if (isInsecureServerUrl(next) && !allowInsecure) {
      setProblem('insecure');
      return;
    }
    setProblem(null);
    if (next === settings.serverUrl) return;
    const signedIn = session.state !== 'signed-out' && originOf(next) !== originOf(session.serverUrl);
    if (signedIn) {
      setConfirming(next);
      return;
    }
    void api.settings.set({ serverUrl: next }).then(report);
  };

  const changeServer = (next: string): void => {
    setConfirming(null);
    void api.session.changeServer({ serverUrl: next }).then(report);
  };

  const error = problem === 'invalid' ? t('server.invalid') : problem === 'insecure' ? t('insecure.refused') : null;
  const current = isolateText(session.serverUrl);
  return (
    <form className="field-group" onSubmit={submit} noValidate>
      <fieldset>
        <legend>{t('server.legend')}</legend>
        <label htmlFor={ids.server}>{t('server.label')}</label>
        <input
          id={ids.server}
          type="url"
          inputMode="url"
          dir="ltr"
          spellCheck={false}
          value={serverUrl}
          aria-describedby={error !== null ? `${ids.help} ${ids.error}` : ids.help}
          aria-invalid={error !== null}
          onChange={(event) => {
            setServerUrl(event.target.value);
            setProblem(null);
          }}
        />
        <p id={ids.help} className="help">
          {session.state === 'signed-out' ? t('server.help') : t('server.helpSignedIn')}
        </p>
        {error !== null ? (
          <p id={ids.error} className="field-error">
            {error}
          </p>
        ) : null}
        <InsecureConnectionOption
          checked={allowInsecure}
          onChange={(checked) => {
            setInsecureChoice(checked);
            void api.settings.set({ allowInsecureHttp: checked }).then((result) => {
              setInsecureChoice(null);
              report(result);
            });
          }}
        />
        <button type="submit" className="button-primary">
          {t('server.save')}
        </button>
        <p id={ids.status} className="save-state" role="status">
          {outcome.kind === 'saved' ? t('saved') : null}
          {outcome.kind === 'failed' ? t('saveFailed', { message: outcome.message }) : null}
        </p>
      </fieldset>
      {confirming !== null ? (
        <ConfirmDialog
          title={t('server.changeTitle')}
          body={
            waiting > 0
              ? t('server.changeBodyWaiting', { count: waiting, current, next: isolateText(confirming) })
              : t('server.changeBody', { current, next: isolateText(confirming) })
          }
          confirmLabel={t('server.changeConfirm')}
          cancelLabel={t('server.cancel')}
          onConfirm={() => changeServer(confirming)}
          onCancel={() => setConfirming(null)}
        />
      ) : null}
    </form>
  );
}
