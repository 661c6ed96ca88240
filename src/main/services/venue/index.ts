import { mkdir } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import type { EventPayload, Handlers } from '../../../shared/contract';
import type { VenueStatus } from '../../../shared/venue/contract';
import { KeyRotationsSchema } from '../../../shared/venue/key-rotation';
import { RELAY_RECEIPT_CONTEXT, RELAY_WRITE_CONTEXT, ServerKeySchema } from '../../../shared/venue/pack';
import { isRelayable, RelayReceiptSchema, RelayResponseSchema, type RelayWrite } from '../../../shared/venue/relay';
import type { MutationResult } from '../../../shared/wire/sync';
import { AppError } from '../../../shared/result';
import { writeFileAtomic } from '../../fs/atomic-write';
import { readJsonFile } from '../../fs/json-file';
import type { Host } from '../../host/host';
import type { DownloadManager } from '../downloads';
import type { EventBus } from '../events';
import type { RemoteClient } from '../remote/remote-client';
import type { SessionService } from '../session-service';
import type { SettingsService } from '../settings-service';
import { ArchiveWriter } from './archive-writer';
import { VenueDiscovery, type MdnsOptions } from './discovery';
import { checkExportFolder } from './folders';
import { deviceKeyFor, forgetDeviceKey, TrustPins, verifySigned } from './keys';
import { LanHost } from './lan-host';
import { LanPeer } from './lan-peer';
import { PackLibrary } from './pack-library';
import type { VenueFs } from './pack-files';
import { PackService, summaryOf } from './pack-service';
import { RelayBox } from './relay-box';
import type { UsageCounter } from './usage';

export { UsageCounter } from './usage';

const HandedSchema = z.record(z.string(), z.enum(['handed', 'delivered']));

export interface VenueServiceOptions {
  readonly host: Host;
  readonly events: EventBus;
  readonly remote: RemoteClient;
  readonly session: SessionService;
  readonly settings: SettingsService;
  readonly downloads: DownloadManager;
  readonly usage: UsageCounter;
  /** Tests make the disk full here (packs and archives). */
  readonly fs?: Partial<VenueFs>;
  /** The address sharing listens on unless the call names one. */
  readonly bind?: string;
  /**
   * mDNS for the venue network (bonjour-service's multicast-dns options): `{}` in the app, an
   * in-memory socket in tests. Absent, nothing is advertised or looked for: no test sends multicast.
   */
  readonly discovery?: MdnsOptions;
  /** Fetch for the venue network (not counted in the data use); the host's own by default. */
  readonly lanFetch?: typeof globalThis.fetch;
}

export interface VenueService {
  readonly handlers: Handlers<'venue'>;
  /** Called at sign-out, before it returns: the device key of that account is deleted. */
  forgetDevice(userId: string): Promise<void>;
  /** Stops sharing and flushes the counters (the app is quitting). */
  close(): Promise<void>;
}

/** The venue kit in main: packs, trust in the server's key, the device key, sharing, the relay, usage. */
export async function createVenueService(options: VenueServiceOptions): Promise<VenueService> {
  const { host, events, remote, session, downloads, usage } = options;
  const dir = join(host.paths.userData, 'venue');
  await mkdir(dir, { recursive: true });
  const pins = await TrustPins.open(dir);
  const library = new PackLibrary(join(dir, 'packs'));
  const relay = await RelayBox.open(dir);
  const handedPath = join(dir, 'handed.json');
  const handedRead = await readJsonFile(handedPath, HandedSchema);
  const handed: z.infer<typeof HandedSchema> = handedRead.kind === 'loaded' ? handedRead.value : {};
  let lanHost: LanHost | null = null;
  let peer: LanPeer | null = null;
  const registered = new Set<string>();
  const discovery = options.discovery === undefined ? null : new VenueDiscovery(options.discovery, () => changed());

  const serverUrl = (): string => session.status().serverUrl;
  const userId = (): string | null => session.status().user?.id ?? null;
  const packs = new PackService({
    library,
    downloads,
    remote,
    session,
    pinnedKey: () => pins.get(serverUrl()),
    followKey: (keyId, statements) => pins.follow(serverUrl(), keyId, statements),
    rotations: () => pins.rotations(serverUrl()),
    incomingDir: join(dir, 'incoming'),
    onProgress: (progress) => events.emit('venue.progress', progress),
    ...(options.fs !== undefined ? { fs: options.fs } : {}),
  });

  const archives = new ArchiveWriter({
    downloads,
    onProgress: (progress) => events.emit('venue.progress', progress),
    ...(options.fs !== undefined ? { fs: options.fs } : {}),
  });

  const status = (): VenueStatus => {
    const state = lanHost?.state();
    const user = userId();
    return {
      serverKeyId: pins.get(serverUrl())?.keyId ?? null,
      deviceRegistered: user !== null && registered.has(`${serverUrl()} ${user}`),
      host:
        state === undefined
          ? null
          : {
              code: state.code,
              port: state.port,
              addresses: [...state.addresses],
              peers: state.peers,
              waitingWrites: relay.waiting().writes,
            },
      peer: peer === null ? null : { address: peer.base, hostName: peer.hostName },
      discovered: discovery?.hosts() ?? [],
      discovery: discovery !== null,
    };
  };
  const changed = (): void => events.emit('venue.changed', status());

  /** Right after sign-in: learn (pin) the server's key and register this device's key. */
  const afterSignIn = async (): Promise<void> => {
    const user = userId();
    if (user === null) return;
    const { value: key } = await remote.request({ method: 'GET', path: '/api/venue/key', schema: ServerKeySchema });
    if ((await pins.offer(serverUrl(), key)) === 'changed') {
      // The server has another key: adopted only if the pinned one handed over to it (signed statements).
      const { value } = await remote.request({
        method: 'GET',
        path: '/api/venue/key-rotations',
        schema: KeyRotationsSchema,
      });
      await pins.offer(serverUrl(), key, value.rotations);
    }
    const device = await deviceKeyFor(host.secrets, user);
    await session.withToken((token) =>
      remote.request({
        method: 'POST',
        path: '/api/devices',
        body: { deviceId: device.deviceId, publicKey: device.publicKey },
        token,
        schema: z.object({ deviceId: z.string() }),
      }),
    );
    registered.add(`${serverUrl()} ${user}`);
    changed();
  };

  /** The drop box goes to the server as soon as this laptop can reach it with someone signed in. */
  const uploadDropBox = async (): Promise<void> => {
    if (!session.isActive() || relay.waiting().envelopes === 0) return;
    await relay.upload((envelopes) =>
      session
        .withToken((token) =>
          remote.request({
            method: 'POST',
            path: '/api/venue/relay',
            body: { envelopes },
            token,
            schema: RelayResponseSchema,
          }),
        )
        .then(({ value }) => value),
    );
    changed();
  };
  const quietly = (work: () => Promise<void>): void => {
    // Background work retried at the next sign-in or reconnection; the screens show what it achieved.
    void work().catch(() => undefined);
  };
  let lastUser: string | null = userId();
  const unsubscribe = events.subscribe((event, payload) => {
    const state = event === 'session.changed' ? (payload as EventPayload<'session.changed'>).state : undefined;
    if (state === 'signed-in') {
      lastUser = userId();
      quietly(afterSignIn);
      quietly(uploadDropBox);
    }
    if (state === 'signed-out' && lastUser !== null) {
      // Signed out: this computer may no longer sign writes as that person (a new key at the next sign-in).
      const user = lastUser;
      lastUser = null;
      registered.delete(`${serverUrl()} ${user}`);
      quietly(() => forgetDeviceKey(host.secrets, user));
    }
    if (event === 'sync.connectivity' && (payload as EventPayload<'sync.connectivity'>).reachable === true) {
      quietly(uploadDropBox);
    }
  });
  if (session.isActive()) quietly(afterSignIn);

  const requirePeer = (): LanPeer => {
    if (peer === null) throw new AppError('not-paired', 'Connect to a venue host first.');
    return peer;
  };
  const saveHanded = (): Promise<void> => writeFileAtomic(handedPath, JSON.stringify(handed));

  const handlers = {
    status: () => status(),
    defaults: () => ({
      exportDirectory: join(host.paths.userData, 'exports'),
      canPickFolder: host.folderDialog !== undefined,
    }),
    pickFolder: async ({ defaultPath }) => {
      if (host.folderDialog === undefined)
        throw new AppError('unavailable', 'This window cannot show a folder dialog.');
      return host.folderDialog({ defaultPath: defaultPath ?? join(host.paths.userData, 'exports') });
    },
    checkFolder: async ({ path }) => ({ path: await checkExportFolder(path) }),
    planExport: (request) => packs.plan(request),
    exportPack: async ({ packId, directory }) => packs.exportTo(packId, await checkExportFolder(directory), userId()),
    cancel: ({ packId }) => {
      packs.cancel(packId);
      return null;
    },
    inspectPack: ({ path }) => packs.inspect(path),
    importFiles: ({ path }) => packs.importFiles(path, userId()),
    packRows: ({ packId, index }) => packs.rows(packId, index),
    completeImport: ({ packId }) => packs.complete(packId, userId()),
    packs: async () => (await library.list()).map((pack) => summaryOf(pack.manifest, pack.state)),
    startSharing: async ({ bind, port }) => {
      lanHost ??= await LanHost.start({
        library,
        downloads,
        relay,
        name: () => session.status().user?.displayName ?? hostname(),
        ...((bind ?? options.bind) !== undefined ? { bind: bind ?? options.bind } : {}),
        ...(port !== undefined ? { port } : {}),
        onChange: changed,
        onDropped: () => {
          changed();
          quietly(uploadDropBox);
        },
      });
      const listening = lanHost.state();
      // A host bound to loopback only cannot be reached from the venue network: nothing to advertise.
      if (!isLoopback(bind ?? options.bind)) {
        discovery?.advertise(session.status().user?.displayName ?? hostname(), listening.port);
      }
      changed();
      return status();
    },
    stopSharing: async () => {
      await discovery?.stopAdvertising();
      await lanHost?.close();
      lanHost = null;
      changed();
      return status();
    },
    connect: async ({ address, code }) => {
      peer = await LanPeer.connect(
        options.lanFetch ?? host.fetch,
        address,
        code,
        session.status().user?.displayName ?? hostname(),
      );
      changed();
      return status();
    },
    browse: ({ on }) => {
      discovery?.browse(on);
      return status();
    },
    disconnect: () => {
      peer = null;
      changed();
      return status();
    },
    hostPacks: async () => (await requirePeer().hello()).packs,
    fetchPack: async ({ packId }) => {
      const connected = requirePeer();
      const offered = (await connected.hello()).packs.find((pack) => pack.packId === packId);
      if (offered === undefined) throw new AppError('not-found', 'The venue host no longer offers this pack.');
      const target = join(dir, 'received', packId);
      let done = 0;
      await connected.fetchPack(offered, target, (bytes) => {
        done += bytes;
        events.emit('venue.progress', {
          packId,
          kind: 'fetch',
          phase: 'copying',
          doneBytes: done,
          totalBytes: offered.bytes,
        });
      });
      events.emit('venue.progress', {
        packId,
        kind: 'fetch',
        phase: 'done',
        doneBytes: done,
        totalBytes: offered.bytes,
      });
      return { path: target };
    },
    handOff: async ({ clientId, mutations }) => {
      const connected = requirePeer();
      const user = userId();
      const key = pins.get(serverUrl());
      if (user === null) throw new AppError('signed-out', 'Sign in to hand writes to the venue host.');
      if (key === undefined)
        throw new AppError('pack-server-unknown', 'Sign in once online so this computer knows the server.');
      const travelling = mutations.filter((mutation) => isRelayable(mutation.name));
      if (travelling.length === 0) return { handed: 0 };
      const device = await deviceKeyFor(host.secrets, user);
      const write: RelayWrite = {
        v: 1,
        kind: 'cb-relay-write',
        keyId: key.keyId,
        userId: user,
        deviceId: device.deviceId,
        clientId,
        signedAt: new Date().toISOString(),
        mutations: travelling,
      };
      const payload = JSON.stringify(write);
      await connected.drop([{ payload, signature: device.sign(RELAY_WRITE_CONTEXT, payload) }]);
      for (const mutation of travelling) if (handed[mutation.id] !== 'delivered') handed[mutation.id] = 'handed';
      await saveHanded();
      changed();
      return { handed: travelling.length };
    },
    receipts: async ({ clientId }) => {
      const connected = requirePeer();
      const user = userId();
      const key = pins.get(serverUrl());
      if (user === null || key === undefined) return [];
      const results: MutationResult[] = [];
      for (const receipt of await connected.receipts(user, clientId)) {
        // Only what the server signed counts: a host cannot make a write look delivered.
        if (!verifySigned(key.publicKey, RELAY_RECEIPT_CONTEXT, receipt.payload, receipt.signature)) continue;
        const parsed = RelayReceiptSchema.safeParse(JSON.parse(receipt.payload));
        if (!parsed.success || parsed.data.userId !== user || parsed.data.clientId !== clientId) continue;
        if (parsed.data.keyId !== key.keyId) continue;
        for (const result of parsed.data.results) {
          results.push(result);
          handed[result.id] = 'delivered';
        }
      }
      await saveHanded();
      return results;
    },
    relayStates: () => ({ ...handed }),
    usage: () => usage.totals(),
    archiveBegin: async ({ directory, name }) => archives.begin(await checkExportFolder(directory), name),
    archiveWrite: ({ archiveId, path, text, append }) => archives.write(archiveId, path, text, append),
    archiveFiles: ({ archiveId, files }) => archives.files(archiveId, files),
    archiveCommit: ({ archiveId }) => archives.commit(archiveId),
    archiveAbort: ({ archiveId }) => archives.abort(archiveId),
  } satisfies Handlers<'venue'>;

  return {
    handlers,
    forgetDevice: async (user) => {
      registered.delete(`${serverUrl()} ${user}`);
      await forgetDeviceKey(host.secrets, user);
    },
    close: async () => {
      unsubscribe();
      await discovery?.close();
      await archives.close();
      await lanHost?.close();
      lanHost = null;
      await usage.flush();
    },
  };
}

function isLoopback(bind: string | undefined): boolean {
  return bind !== undefined && (bind === 'localhost' || bind === '::1' || bind.startsWith('127.'));
}
