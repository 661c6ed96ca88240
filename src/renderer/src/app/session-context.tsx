import { createContext, useContext } from 'react';
import type { SessionStatus } from '../../../shared/contract';
import { hasCapability, type Capability } from '../../../shared/wire/roles';

export const SessionContext = createContext<SessionStatus | null>(null);

/** The signed-in session as main reports it (never the token). */
export function useSession(): SessionStatus {
  const session = useContext(SessionContext);
  if (session === null) throw new Error('useSession outside <SessionContext.Provider>');
  return session;
}

/** Whether the signed-in user may do this (the server decides in the end; this hides what would be refused). */
export function useCan(capability: Capability): boolean {
  const session = useSession();
  return session.user !== undefined && hasCapability(session.user.roles, capability);
}
