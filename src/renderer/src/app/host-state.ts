import { useEffect, useState } from 'react';
import type { Api, AppInfo, Notice, SessionStatus } from '../../../shared/contract';
import type { AppErrorValue } from '../../../shared/result';
import type { Settings } from '../../../shared/settings';

export type HostState =
  | { status: 'loading' }
  | { status: 'failed'; error: AppErrorValue }
  | { status: 'ready'; info: AppInfo; settings: Settings; notices: Notice[]; session: SessionStatus };

/** What the host tells the renderer at start, kept current through the contract's events. */
export function useHostState(api: Api): [HostState, (notices: Notice[]) => void] {
  const [state, setState] = useState<HostState>({ status: 'loading' });

  useEffect(() => {
    let live = true;
    void Promise.all([api.app.info(), api.settings.get(), api.app.notices(), api.session.status()]).then(
      ([info, settings, notices, session]) => {
        if (!live) return;
        if (!info.ok) return setState({ status: 'failed', error: info.error });
        if (!settings.ok) return setState({ status: 'failed', error: settings.error });
        if (!session.ok) return setState({ status: 'failed', error: session.error });
        setState({
          status: 'ready',
          info: info.value,
          settings: settings.value,
          notices: notices.ok ? notices.value : [],
          session: session.value,
        });
      },
    );
    const offSettings = api.on('settings.changed', (settings) =>
      setState((previous) => (previous.status === 'ready' ? { ...previous, settings } : previous)),
    );
    const offNotice = api.on('app.notice', (notice) =>
      setState((previous) =>
        previous.status === 'ready' && !previous.notices.some((n) => n.id === notice.id)
          ? { ...previous, notices: [...previous.notices, notice] }
          : previous,
      ),
    );
    const offSession = api.on('session.changed', (session) =>
      setState((previous) => (previous.status === 'ready' ? { ...previous, session } : previous)),
    );
    return () => {
      live = false;
      offSession();
      offSettings();
      offNotice();
    };
  }, [api]);

  const setNotices = (notices: Notice[]): void =>
    setState((previous) => (previous.status === 'ready' ? { ...previous, notices } : previous));
  return [state, setNotices];
}
