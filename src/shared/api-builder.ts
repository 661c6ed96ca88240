import { contract, isEventName, type Api, type EventName, type EventPayload, type Unsubscribe } from './contract';
import type { Result } from './result';

export type Invoke = (channel: string, input: unknown) => Promise<Result<unknown>>;
export type Subscribe = (event: EventName, listener: (payload: unknown) => void) => Unsubscribe;

/**
 * Builds the renderer's `Api` from a transport. Only the calls declared in the
 * contract exist on the result, whichever transport carries them (Electron
 * IPC in the preload, a WebSocket in browser mode).
 */
export function buildApi(invoke: Invoke, subscribe: Subscribe): Api {
  const namespaces: Record<string, Record<string, (input?: unknown) => Promise<Result<unknown>>>> = {};
  for (const [namespace, methods] of Object.entries(contract)) {
    const calls: Record<string, (input?: unknown) => Promise<Result<unknown>>> = {};
    for (const method of Object.keys(methods)) {
      const channel = `${namespace}.${method}`;
      calls[method] = (input?: unknown) => invoke(channel, input);
    }
    namespaces[namespace] = Object.freeze(calls);
  }
  const on = <E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): Unsubscribe => {
    if (!isEventName(event)) throw new TypeError(`Unknown event: ${String(event)}`);
    return subscribe(event, (payload) => listener(payload as EventPayload<E>));
  };
  // The shape is built from the contract itself, so it matches `Api` by construction.
  return Object.freeze({ ...namespaces, on }) as unknown as Api;
}
