/**
 * The preload exposes exactly the contract as `window.api`: named functions,
 * a typed `on`, never ipcRenderer and never the IPC event object.
 */
import { describe, expect, it, vi } from 'vitest';
import { contract, eventChannel, EVENT_NAMES } from '../../../src/shared/contract';
import { resetFakeElectron } from './fake-electron';

// Hoisted with vi.mock above every import, so the fake exists before the preload imports electron.
const { fakeElectron } = await vi.hoisted(() => import('./fake-electron'));
vi.mock('electron', () => fakeElectron);

const { contextBridge, ipcRenderer } = fakeElectron;

/** The API object as the page sees it, with just enough shape to poke at it. */
type ExposedApi = Record<string, unknown> & {
  on: (event: string, listener: (...args: unknown[]) => void) => () => void;
};

async function loadPreload(): Promise<ExposedApi> {
  resetFakeElectron();
  vi.resetModules();
  await import('../../../src/preload/index');
  const api = contextBridge.exposed.get('api');
  if (typeof api !== 'object' || api === null || !('on' in api) || typeof api.on !== 'function') {
    throw new Error('window.api was not exposed with an `on` function');
  }
  return api as ExposedApi;
}

function namespace(api: ExposedApi, name: string): Record<string, unknown> {
  const value = api[name];
  if (typeof value !== 'object' || value === null) throw new Error(`api.${name} is not an object`);
  return value as Record<string, unknown>;
}

/** Every value reachable from `root`, to prove what is (not) handed to the page. */
function reachable(root: unknown): unknown[] {
  const seen = new Set<unknown>();
  const queue: unknown[] = [root];
  while (queue.length > 0) {
    const value = queue.shift();
    if (seen.has(value)) continue;
    seen.add(value);
    if ((typeof value === 'object' && value !== null) || typeof value === 'function') {
      for (const key of Reflect.ownKeys(value)) {
        const descriptor = Reflect.getOwnPropertyDescriptor(value, key);
        if (descriptor !== undefined && 'value' in descriptor) queue.push(descriptor.value);
      }
    }
  }
  return [...seen];
}

describe('the preload', () => {
  it('exposes exactly one key, api, in the main world', async () => {
    await loadPreload();
    expect([...contextBridge.exposed.keys()]).toEqual(['api']);
  });

  it('exposes the namespaces and methods of the contract, plus on, and nothing else', async () => {
    const api = await loadPreload();
    expect(Object.keys(api).sort()).toEqual([...Object.keys(contract), 'on'].sort());
    for (const [name, methods] of Object.entries(contract)) {
      const exposed = namespace(api, name);
      expect(Object.keys(exposed).sort()).toEqual(Object.keys(methods).sort());
      for (const method of Object.values(exposed)) expect(typeof method).toBe('function');
    }
  });

  it('never hands ipcRenderer (or any of its methods) to the page', async () => {
    const api = await loadPreload();
    const values = reachable(api);
    expect(values).not.toContain(ipcRenderer);
    const rendererMethods = new Set<unknown>();
    for (
      let level: object | null = ipcRenderer;
      level !== null;
      level = Object.getPrototypeOf(level) as object | null
    ) {
      for (const key of Reflect.ownKeys(level)) {
        const descriptor = Reflect.getOwnPropertyDescriptor(level, key);
        if (descriptor !== undefined && typeof descriptor.value === 'function') rendererMethods.add(descriptor.value);
      }
    }
    expect(rendererMethods.size).toBeGreaterThan(5);
    expect(values.filter((value) => rendererMethods.has(value))).toEqual([]);
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('sends each call on its namespace.method channel with the input', async () => {
    const api = await loadPreload();
    const settings = namespace(api, 'settings');
    const set = settings['set'] as (input: unknown) => Promise<unknown>;
    const get = settings['get'] as () => Promise<unknown>;
    await set({ theme: 'dark' });
    await get();
    expect(ipcRenderer.invocations).toEqual([
      { channel: 'settings.set', args: [{ theme: 'dark' }] },
      { channel: 'settings.get', args: [undefined] },
    ]);
  });

  it('gives an event listener the payload only, never the IPC event', async () => {
    const api = await loadPreload();
    const listener = vi.fn();
    api.on('settings.changed', listener);
    const ipcEvent = { sender: ipcRenderer, senderId: 0, ports: [] };
    const payload = { theme: 'dark' };
    ipcRenderer.emit(eventChannel('settings.changed'), ipcEvent, payload);
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener.mock.calls[0]).toEqual([payload]);
  });

  it('listens only on the declared event channels', async () => {
    const api = await loadPreload();
    const listener = vi.fn();
    for (const event of EVENT_NAMES) api.on(event, listener);
    expect(ipcRenderer.eventNames().sort()).toEqual(EVENT_NAMES.map(eventChannel).sort());
  });

  it.each(['settings.changd', 'event:settings.changed', 'settings.get', '__proto__', 'constructor'])(
    'refuses to subscribe to the undeclared event %j',
    async (name) => {
      const api = await loadPreload();
      expect(() => api.on(name, vi.fn())).toThrow(TypeError);
      expect(ipcRenderer.eventNames()).toEqual([]);
    },
  );

  it('removes the listener when unsubscribed', async () => {
    const api = await loadPreload();
    const listener = vi.fn();
    const kept = vi.fn();
    const unsubscribe = api.on('app.notice', listener);
    api.on('app.notice', kept);
    unsubscribe();
    ipcRenderer.emit(eventChannel('app.notice'), {}, { id: 'n1' });
    expect(listener).not.toHaveBeenCalled();
    expect(kept).toHaveBeenCalledTimes(1);
    expect(ipcRenderer.listenerCount(eventChannel('app.notice'))).toBe(1);
  });
});
