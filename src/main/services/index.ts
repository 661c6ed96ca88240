import type { AllHandlers, EventPayload, Handlers } from '../../shared/contract';
import { AppError } from '../../shared/result';
import { PullPageSchema, PushResponseSchema, RecentSnapshotSchema } from '../../shared/wire/sync';
import { withJsonText } from './json-text';
import type { Host } from '../host/host';
import { isAllowedExternalUrl } from '../security/external-url';
import { browserDesktopHandlers } from '../desktop/browser-desktop';
import { NavigationRelay } from '../desktop/navigation-relay';
import type { EventBus } from './events';
import type { DownloadManager } from './downloads';
import { createFilesService } from './files-service';
import { SaveService } from './exports/save-service';
import { NoticeBoard } from './notice-board';
import { toAppError } from './remote/errors';
import { guardCredentials, TokenIssuers } from './remote/credential-guard';
import { RemoteClient } from './remote/remote-client';
import { SessionAccounts } from './session-accounts';
import { createPeopleHandlers } from './people-service';
import { SessionService } from './session-service';
import { SettingsService } from './settings-service';
import type { UploadService } from './uploads';
import { referencedFiles } from '../../shared/uploads';
import { ConnectivityMonitor } from './sync/connectivity';
import { LiveService } from './sync/live-service';
import { checkPullPage } from './sync/page-check';
import { PullAhead } from './sync/pull-ahead';
import { createVenueService, UsageCounter } from './venue';
import type { VenueFs } from './venue/pack-files';
import { join } from 'node:path';

export interface Services {
  readonly handlers: AllHandlers;
  readonly settings: SettingsService;
  readonly notices: NoticeBoard;
  readonly session: SessionService;
  readonly connectivity: ConnectivityMonitor;
  readonly live: LiveService;
  readonly downloads: DownloadManager;
  readonly uploads: UploadService;
  /** Deep links, notification clicks and menu items open places in the renderer through it. */
  readonly navigation: NavigationRelay;
  /** Stops background work (the live stream) so the process can exit. */
  close(): Promise<void>;
}

export interface ServicesOptions {
  host: Host;
  events: EventBus;
  serverUrlOverride?: string;
  /** How the renderer reaches a stored file: `cbfile://` in Electron, a capability URL in browser mode. */
  fileUrl?: (sha256: string) => string;
  /** Tests shorten the live stream's reconnect backoff. */
  liveBackoff?: { baseMs: number; maxMs: number };
  /** Tests shorten the upload queue's retry backoff. */
  uploadBackoff?: { baseMs: number; maxMs: number };
  /** Tests make the disk full where packs and archives are written. */
  venueFs?: Partial<VenueFs>;
  /** Where venue sharing listens when the screen does not say (all interfaces; tests: 127.0.0.1). */
  venueBind?: string;
  /**
   * Look for and advertise venue hosts by mDNS on the machine's network (the app: true). Off by
   * default, so tests that build services never send multicast.
   */
  venueDiscovery?: boolean;
}

/** Builds every main-process service on a Host and exposes them as the contract's handlers. */
export async function createServices(options: ServicesOptions): Promise<Services> {
  const { events } = options;
  // Every byte received from the server is counted (the Sync center's usage, the daily cap).
  const usage = await UsageCounter.open(join(options.host.paths.userData, 'venue'));
  const host: Host = { ...options.host, fetch: usage.wrap(options.host.fetch) };
  const notices = new NoticeBoard(events.emit);
  const settings = await SettingsService.open({
    userDataDir: host.paths.userData,
    systemLanguages: host.systemLanguages(),
    emit: events.emit,
    notices,
    ...(options.serverUrlOverride !== undefined ? { serverUrlOverride: options.serverUrlOverride } : {}),
  });
  const connectivity = new ConnectivityMonitor(events.emit);
  // Every request of every service goes through the guard: a token only ever leaves for its issuer.
  const issuers = new TokenIssuers();
  const fetch = guardCredentials(host.fetch, issuers);
  const remote = new RemoteClient(
    fetch,
    () => settings.get().serverUrl,
    (reachable) => connectivity.report(reachable),
  );
  connectivity.attach(remote);
  const session = await SessionService.open({
    secrets: host.secrets,
    remote,
    serverUrl: () => settings.get().serverUrl,
    emit: events.emit,
    issuers,
    accounts: await SessionAccounts.open(host.paths.userData),
  });
  const live = new LiveService({
    fetch,
    remote,
    session,
    connectivity,
    emit: events.emit,
    ...(options.liveBackoff !== undefined ? { backoff: options.liveBackoff } : {}),
  });
  live.start();
  const files = await createFilesService({
    host: { ...host, fetch },
    remote,
    session,
    settings,
    emit: events.emit,
    notices,
    fileUrl: options.fileUrl ?? ((sha256) => `cbfile://blob/${sha256}`),
    ...(options.uploadBackoff !== undefined ? { uploadBackoff: options.uploadBackoff } : {}),
  });
  const venue = await createVenueService({
    host,
    events,
    remote,
    session,
    settings,
    downloads: files.downloads,
    usage,
    ...(options.venueFs !== undefined ? { fs: options.venueFs } : {}),
    ...(options.venueBind !== undefined ? { bind: options.venueBind } : {}),
    ...(options.venueDiscovery === true ? { discovery: {} } : {}),
    // The venue network costs nothing: it is not counted as data received from the server.
    lanFetch: options.host.fetch,
  });

  // Attached files go as soon as they can, and downloads the network or a sign-in stopped continue: when the
  // server answers again, or the user signs in.
  const stopKicking = events.subscribe((event, payload) => {
    if (event === 'sync.connectivity' && (payload as EventPayload<'sync.connectivity'>).reachable === true) {
      files.uploads.kick();
      void files.downloads.resume();
    }
    if (event === 'session.changed' && (payload as EventPayload<'session.changed'>).state === 'signed-in') {
      files.uploads.kick();
      void files.downloads.resume();
    }
  });

  const app = {
    info: () => ({
      name: host.appName,
      version: host.appVersion,
      platform: host.platform,
      hostKind: host.kind,
      systemLanguages: host.systemLanguages(),
    }),
    notices: () => notices.list(),
    dismissNotice: ({ id }) => {
      notices.dismiss(id);
      return null;
    },
  } satisfies Handlers<'app'>;

  /** Saves a new server address; the session follows (held for its own server, or back in use there). */
  const saveServer = async (serverUrl: string): Promise<void> => {
    await settings.set({ serverUrl });
    session.serverChanged();
    live.nudge();
  };
  const refuseWhileSignedIn = (serverUrl: string): void => {
    if (!session.allowsServer(serverUrl)) {
      throw new AppError(
        'sign-out-required',
        'Changing the server signs you out of this one: confirm it first (writes waiting for it stay here).',
      );
    }
  };

  const settingsHandlers = {
    get: () => settings.get(),
    set: async (patch) => {
      if (patch.serverUrl === undefined || patch.serverUrl === settings.get().serverUrl) return settings.set(patch);
      refuseWhileSignedIn(patch.serverUrl);
      const next = await settings.set(patch);
      session.serverChanged();
      live.nudge();
      return next;
    },
  } satisfies Handlers<'settings'>;

  const sessionHandlers = {
    status: () => session.status(),
    login: async ({ email, password, serverUrl }) => {
      if (serverUrl !== undefined && serverUrl !== settings.get().serverUrl) {
        refuseWhileSignedIn(serverUrl);
        await saveServer(serverUrl);
      }
      const status = await session.login(email, password);
      live.nudge();
      return status;
    },
    logout: async () => {
      const user = session.status().user?.id;
      const status = await session.logout();
      // The device key goes with the session: nothing on this computer may sign as them any more.
      if (user !== undefined) await venue.forgetDevice(user);
      return status;
    },
    changeServer: async ({ serverUrl }) => {
      // Refused before anything ends (an insecure address, a bad one): the session is not lost for nothing.
      settings.check({ serverUrl });
      if (!session.allowsServer(serverUrl)) await session.logout();
      if (serverUrl !== settings.get().serverUrl) await saveServer(serverUrl);
      return session.status();
    },
    signOutEverywhere: () => session.signOutEverywhere(),
    revokeAccountSessions: ({ userId }) => session.revokeAccountSessions(userId),
  } satisfies Handlers<'session'>;

  /** A pull or push for the outbox of another account (or server) is never sent with this one's token. */
  const assertAccount = (account: string | undefined): void => {
    if (account !== undefined && account !== session.account()) {
      throw new AppError('signed-out', 'These writes belong to another account or server; they wait for it.');
    }
  };

  const fetchPage = (cursor: string | undefined, limit: number | undefined, packs?: string) =>
    session
      .withToken((token) =>
        remote.request({
          method: 'GET',
          path: '/api/sync/pull',
          query: { cursor, limit, packs },
          token,
          schema: PullPageSchema,
        }),
      )
      .then(({ value, bytes, body }) => ({ page: value, bytes, body }));

  const peopleHandlers = createPeopleHandlers({
    remote,
    session,
    // As sign-in does: a session for another server must be signed out of first.
    useServer: async (serverUrl) => {
      if (serverUrl === settings.get().serverUrl) return;
      refuseWhileSignedIn(serverUrl);
      await saveServer(serverUrl);
    },
    signedIn: () => live.nudge(),
  });

  const pullAhead = new PullAhead({
    fetch: (cursor: string | undefined, limit: number | undefined) =>
      fetchPage(cursor, limit).then((fetched) => {
        checkPullPage(fetched.page, { cursor, limit });
        return fetched;
      }),
    next: ({ page }) => page,
    // Changes come in sequence order: a page holds the news if its last change reaches it, or a later page will.
    reaches: ({ page }, seq) => page.hasMore || (page.changes.at(-1)?.seq ?? 0) >= seq,
    account: () => (session.isActive() ? session.account() : null),
  });
  events.subscribe((event, payload) => {
    if (event === 'session.changed') pullAhead.clear();
    if (event === 'sync.remoteChanged') pullAhead.changed((payload as EventPayload<'sync.remoteChanged'>).seq);
  });

  const sync = {
    pull: async ({ cursor, limit, packs, account }) => {
      assertAccount(account);
      return (
        packs === undefined || packs.length === 0
          ? pullAhead.pull(cursor, limit)
          : // Past edition packs (docs/venue.md): asked as it is, never read ahead.
            fetchPage(cursor, limit, packs.join(','))
      ).then(
        // The page as the server sent it (validated by a strict schema): browser mode sends that text on.
        ({ page, bytes, body }) => withJsonText({ page, bytes }, ['{"page":', body, `,"bytes":${String(bytes)}}`]),
        (error: unknown) => {
          throw toAppError(error);
        },
      );
    },
    recent: () =>
      session
        .withToken((token) =>
          remote.request({ method: 'GET', path: '/api/sync/recent', token, schema: RecentSnapshotSchema }),
        )
        .then(({ value }) => value)
        .catch((error: unknown) => {
          throw toAppError(error);
        }),
    // The files the mutations point to go first: the server refuses a document whose file it lacks.
    push: async ({ account, ...request }) => {
      assertAccount(account);
      return files.uploads
        .ensureUploaded(referencedFiles(request.mutations))
        .then(() =>
          session.withToken((token) =>
            remote.request({
              method: 'POST',
              path: '/api/sync/push',
              body: request,
              token,
              schema: PushResponseSchema,
            }),
          ),
        )
        .then(({ value }) => value)
        .catch((error: unknown) => {
          throw toAppError(error);
        });
    },
    connectivity: () => connectivity.current(),
    checkConnectivity: async () => {
      const state = await connectivity.probe();
      if (state.reachable === true) live.nudge();
      return state;
    },
  } satisfies Handlers<'sync'>;

  const navigation = new NavigationRelay(events.emit);
  const shell = {
    takeNavigation: () => navigation.take(),
    openExternal: async ({ url }) => {
      if (!isAllowedExternalUrl(url))
        throw new AppError('external-url-refused', 'This link cannot be opened outside the app.');
      await host.openExternal(url);
      return null;
    },
  } satisfies Handlers<'shell'>;

  const saves = new SaveService({ host });
  const exportHandlers = {
    saveBegin: (request) => saves.begin(request),
    saveChunk: (chunk) => saves.chunk(chunk),
    saveCommit: (input) => saves.commit(input),
    saveAbort: (input) => saves.abort(input),
  } satisfies Handlers<'exports'>;

  return {
    handlers: {
      app,
      settings: settingsHandlers,
      session: sessionHandlers,
      people: peopleHandlers.people,
      account: peopleHandlers.account,
      sync,
      files: files.handlers,
      exports: exportHandlers,
      shell,
      venue: venue.handlers,
      // The Electron entry replaces these with the desktop shell's own.
      desktop: browserDesktopHandlers(host, () => settings.get()),
    },
    settings,
    notices,
    session,
    connectivity,
    live,
    downloads: files.downloads,
    uploads: files.uploads,
    navigation,
    close: async () => {
      stopKicking();
      await venue.close();
      await live.stop();
      await files.uploads.close();
      await files.downloads.close();
      await saves.close();
    },
  };
}
