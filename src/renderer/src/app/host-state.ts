import { useEffect, useState } from 'react';
import type { Api, AppInfo, Notice } from '../../../shared/contract';
import type { AppErrorValue } from '../../../shared/result';
import type { Settings } from '../../../shared/settings';

export type HostState =
  | { status: 'loading' }
  | { status: 'failed'; error: AppErrorValue }
  | { status: 'ready'; info: AppInfo; settings: Settings; notices: Notice[] };

/** What the host tells the renderer at start, kept current through the contract's events. */
export function useHostState(api: Api): [HostState, (notices: Notice[]) => void] {
  const [state, setState] = useState<HostState>({ status: 'loading' });

  useEffect(() => {
    let live = true;
    void Promise.all([api.app.info(), api.settings.get(), api.app.notices()]).then(([info, settings, notices]) => {
      if (!live) return;
      if (!info.ok) return setState({ status: 'failed', error: info.error });
      if (!settings.ok) return setState({ status: 'failed', error: settings.error });
      setState({
        status: 'ready',
        info: info.value,
        settings: settings.value,
        notices: notices.ok ? notices.value : [],
      });
    });
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
    return () => {
      live = false;
      offSettings();
      offNotice();
    };
  }, [api]);

  const setNotices = (notices: Notice[]): void =>
    setState((previous) => (previous.status === 'ready' ? { ...previous, notices } : previous));
  return [state, setNotices];
}
