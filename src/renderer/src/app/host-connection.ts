import { createContext, useContext, useSyncExternalStore } from 'react';
import { ALWAYS_CONNECTED, type HostConnection, type HostLinkState } from '../api/host-link';

export const HostConnectionContext = createContext<HostConnection>(ALWAYS_CONNECTED);

export function useHostConnection(): HostConnection {
  return useContext(HostConnectionContext);
}

/** Whether the page can reach the app's services, re-rendering when that changes. */
export function useHostLink(): HostLinkState {
  const connection = useHostConnection();
  return useSyncExternalStore(connection.subscribe, connection.current);
}
