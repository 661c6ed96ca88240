import { createHash } from 'node:crypto';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { buildApi } from '../../../src/shared/api-builder';
import type { Api, EventPayload, UploadState } from '../../../src/shared/contract';
import { createNodeHost } from '../../../src/main/host/node-host';
import { createServices, type Services } from '../../../src/main/services';
import { createDispatcher, type Dispatch } from '../../../src/main/services/dispatcher';
import { EventBus } from '../../../src/main/services/events';
import { openDb, type CollectiveBrainDb } from '../../../src/renderer/src/data/db';
import { SyncEngine } from '../../../src/renderer/src/data/sync-engine';

export const DEMO_PASSWORD = 'collective-brain';

export interface LoggedRequest {
  method: string;
  path: string;
}

/** One desktop profile: real services on a Node host, a switchable network, every request logged. */
export interface Device {
  api: Api;
  dispatch: Dispatch;
  services: Services;
  events: EventBus;
  requests: LoggedRequest[];
  uploadEvents: UploadState[];
  setOffline(offline: boolean): void;
  /** The renderer's data layer, for the tests that go through the outbox. */
  renderer(): { db: CollectiveBrainDb; engine: SyncEngine };
  close(): Promise<void>;
}

export async function openDevice(
  profileDir: string,
  serverUrl: string,
  options: {
    offline?: boolean;
    uploadBackoff?: { baseMs: number; maxMs: number };
    /** Holds a request before it goes (an upload kept "on the wire"); it gives up when the request is aborted. */
    hold?: (request: LoggedRequest) => Promise<void> | undefined;
  } = {},
): Promise<Device> {
  let offline = options.offline ?? false;
  const requests: LoggedRequest[] = [];
  const base = createNodeHost({
    appName: 'Collective Brain',
    appVersion: '0.0.0-test',
    profileDir,
    log: () => undefined,
  });
  // Requests on the wire: going offline cuts them, as a pulled cable does (no answer arrives after the cut;
  // a request sent just before it, the live stream or a background call after sign-in, cannot answer after it).
  const onTheWire = new Set<AbortController>();
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const request = { method: init?.method ?? 'GET', path: url.pathname };
    requests.push(request);
    // As fetch does with no network: it fails at once, before anything is sent.
    if (offline) throw new TypeError('fetch failed');
    const cable = new AbortController();
    onTheWire.add(cable);
    const signal = init?.signal ? AbortSignal.any([init.signal, cable.signal]) : cable.signal;
    try {
      const held = options.hold?.(request);
      if (held !== undefined) {
        await Promise.race([
          held,
          new Promise<void>((resolve) => {
            if (signal.aborted) resolve();
            signal.addEventListener('abort', () => resolve(), { once: true });
          }),
        ]);
      }
      if (cable.signal.aborted) throw new TypeError('fetch failed');
      // The body may stream on after this returns (the live stream): the cable is kept until the next cut.
      return await base.fetch(input, { ...init, signal });
    } catch (error) {
      if (cable.signal.aborted && init?.signal?.aborted !== true) throw new TypeError('fetch failed', { cause: error });
      throw error;
    }
  };
  const host = { ...base, systemLanguages: () => ['en'], fetch };
  const events = new EventBus();
  const uploadEvents: UploadState[] = [];
  events.subscribe((event, payload) => {
    if (event === 'files.uploadChanged') uploadEvents.push(payload as EventPayload<'files.uploadChanged'>);
  });
  const services = await createServices({
    host,
    events,
    serverUrlOverride: serverUrl,
    liveBackoff: { baseMs: 20, maxMs: 200 },
    uploadBackoff: options.uploadBackoff ?? { baseMs: 20, maxMs: 200 },
  });
  const dispatch = createDispatcher(services.handlers, {
    onInternalError: (channel, error) => console.error(channel, error),
  });
  const api = buildApi(dispatch, (event, listener) =>
    events.subscribe((name, payload) => {
      if (name === event) listener(payload);
    }),
  );
  let data: { db: CollectiveBrainDb; engine: SyncEngine } | undefined;
  return {
    api,
    dispatch,
    services,
    events,
    requests,
    uploadEvents,
    setOffline: (value) => {
      offline = value;
      if (!value) return;
      for (const cable of onTheWire) cable.abort();
      onTheWire.clear();
    },
    renderer: () => {
      data ??= (() => {
        const db = openDb(`cb-${profileDir}`, { indexedDB: new IDBFactory(), IDBKeyRange });
        return { db, engine: new SyncEngine({ db, api, backoff: { baseMs: 20, maxMs: 200 }, idlePollMs: 60_000 }) };
      })();
      return data;
    },
    close: async () => {
      if (data !== undefined) await data.engine.stop();
      await services.close();
      data?.db.close();
    },
  };
}

export async function signIn(device: Device, email: string): Promise<void> {
  const status = await device.api.session.login({ email, password: DEMO_PASSWORD });
  if (!status.ok) throw new Error(`login failed: ${status.error.code}`);
}

export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** What the renderer does with a File: begin, ordered base64 chunks, commit. */
export async function attach(
  api: Api,
  bytes: Uint8Array,
  name: string,
  mime = 'application/pdf',
): Promise<UploadState> {
  const begun = await api.files.uploadBegin({ name, mime, size: bytes.byteLength });
  if (!begun.ok) throw new Error(`uploadBegin: ${begun.error.code} ${begun.error.message}`);
  const { uploadId, chunkBytes } = begun.value;
  for (let index = 0, offset = 0; offset < bytes.byteLength; index += 1, offset += chunkBytes) {
    const data = Buffer.from(bytes.subarray(offset, offset + chunkBytes)).toString('base64');
    const sent = await api.files.uploadChunk({ uploadId, index, data });
    if (!sent.ok) throw new Error(`uploadChunk: ${sent.error.code} ${sent.error.message}`);
  }
  const committed = await api.files.uploadCommit({ uploadId });
  if (!committed.ok) throw new Error(`uploadCommit: ${committed.error.code} ${committed.error.message}`);
  return committed.value;
}

/** Resolves with the first upload state of `sha256` that satisfies `predicate`. */
export function waitForUpload(
  device: Device,
  sha256: string,
  predicate: (state: UploadState) => boolean,
  timeoutMs = 20_000,
): Promise<UploadState> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const state = device.services.uploads.list().find((upload) => upload.sha256 === sha256);
      if (state === undefined || !predicate(state)) return false;
      clearTimeout(timer);
      off();
      resolve(state);
      return true;
    };
    const timer = setTimeout(() => {
      off();
      reject(new Error(`upload never matched: ${JSON.stringify(device.services.uploads.list())}`));
    }, timeoutMs);
    const off = device.events.subscribe((event) => {
      if (event === 'files.uploadChanged') check();
    });
    check();
  });
}
