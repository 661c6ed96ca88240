/**
 * The one contract between the renderer and the main process.
 *
 * Every call the renderer may make and every event main emits is declared
 * here, grouped by namespace. Main validates each call's input with these
 * schemas; the renderer only ever sees the derived types. The preload (IPC)
 * and the browser-mode WebSocket both carry exactly this surface.
 */
import { z } from 'zod';
import {
  BadgeCountSchema,
  DesktopStateSchema,
  NavTargetSchema,
  NotificationRequestSchema,
  SyncReportSchema,
  UpdateStateSchema,
} from './desktop';
import { ERROR_CODES, type Result } from './result';
import { UPLOAD_CHUNK_BASE64_CHARS } from './uploads';
import { MAX_SAVE_BYTES, SaveFileNameSchema } from './export/save';
import { HttpUrlSchema, SettingsPatchSchema, SettingsSchema } from './settings';
import { APP_COMMAND_IDS } from './shortcuts';
import { RevokeSessionsResponseSchema, SessionUserSchema } from './wire/auth';
import { IdSchema } from './wire/entities';
import {
  AccountSchema,
  AccountUpdateRequestSchema,
  InvitationRequestSchema,
  InvitationSchema,
  PasswordChangeRequestSchema,
  PasswordChangeResponseSchema,
  PeopleSearchRequestSchema,
  PeopleSearchResponseSchema,
  RedeemInvitationRequestSchema,
} from './wire/people';
import { MediaTypeSchema } from './wire/files';
import {
  CursorSchema,
  PULL_MAX_LIMIT,
  PullPageSchema,
  PushRequestSchema,
  PushResponseSchema,
  RecentSnapshotSchema,
} from './wire/sync';
import { venueContract, venueEvents } from './venue/contract';

function call<I extends z.ZodType, O extends z.ZodType>(input: I, output: O): { input: I; output: O } {
  return { input, output };
}

const NoInput = z.undefined();

export const HostKindSchema = z.enum(['electron', 'browser']);
export type HostKind = z.infer<typeof HostKindSchema>;

export const AppInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  platform: z.string(),
  hostKind: HostKindSchema,
  /** The operating system's preferred languages, most preferred first. */
  systemLanguages: z.array(z.string()),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;

/** Something the user must be told about; the renderer translates it by code. */
export const NoticeSchema = z.object({
  id: z.string(),
  /** `server-refused`: a --server address was plain http:// to another computer; `detail` holds it. */
  code: z.enum(['settings-reset', 'upload-queue-reset', 'server-refused']),
  /** Where the unreadable file was kept, for the user to inspect or restore (or the refused address). */
  detail: z.string().optional(),
  at: z.string(),
});
export type Notice = z.infer<typeof NoticeSchema>;

export const SessionStatusSchema = z.object({
  state: z.enum(['signed-out', 'signed-in', 'expired']),
  serverUrl: z.string(),
  /** False where the OS offers only plain-text storage for the token: the UI warns. */
  secretsEncrypted: z.boolean(),
  user: SessionUserSchema.optional(),
  expiresAt: z.string().optional(),
  /**
   * This server's and user's local cache and outbox (an opaque key): what was written for one
   * server waits in its own outbox, and is sent only while signed in to that server again.
   */
  account: z.string().optional(),
});
export type SessionStatus = z.infer<typeof SessionStatusSchema>;

/** The outbox a push or pull belongs to (SessionStatus.account): main refuses one of another account. */
const AccountKey = z.string().min(1).max(200);

/** Whether the server answered lately; null until the first request. */
export const ConnectivitySchema = z.object({
  reachable: z.boolean().nullable(),
  checkedAt: z.string().nullable(),
  lastReachableAt: z.string().nullable(),
});
export type Connectivity = z.infer<typeof ConnectivitySchema>;

export const PulledPageSchema = z.object({
  page: PullPageSchema,
  /** Bytes received for this page, for progress. */
  bytes: z.number().int().nonnegative(),
});
export type PulledPage = z.infer<typeof PulledPageSchema>;

export const DownloadStateSchema = z.object({
  sha256: z.string(),
  status: z.enum(['queued', 'downloading', 'verifying', 'done', 'failed', 'cancelled']),
  receivedBytes: z.number(),
  totalBytes: z.number(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});
export type DownloadState = z.infer<typeof DownloadStateSchema>;

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/u);
/** An Academy edition, a collection, a search: what a download was asked for, for the storage view. */
const GroupId = z.string().min(1).max(200);

/**
 * A file this user attached, on its way to the server. `queued` waits for the
 * connection (or a sign-in); `failed` gave up with a code the user can act on
 * (forbidden, too-large, hash-mismatch) and can be retried.
 */
export const UploadStateSchema = z.object({
  sha256: Sha256,
  /** The file's name on the user's disk: plain text, shown as such. */
  name: z.string(),
  mime: z.string(),
  size: z.number().int().nonnegative(),
  status: z.enum(['queued', 'uploading', 'uploaded', 'failed']),
  sentBytes: z.number().int().nonnegative(),
  error: z.object({ code: z.enum(ERROR_CODES), message: z.string() }).optional(),
});
export type UploadState = z.infer<typeof UploadStateSchema>;

export const UploadDiscardSchema = z.object({
  /** It had reached the server already: it stays there, and nothing points to it. */
  reachedServer: z.boolean(),
  /** The offline copy was deleted (false: another download of the same file keeps it). */
  removedOffline: z.boolean(),
});
export type UploadDiscard = z.infer<typeof UploadDiscardSchema>;

/** An upload being received from the renderer, chunk by chunk; not yet a file. */
const UploadId = z.uuid();

/** A file being saved where the user chose (see exports.saveBegin). */
const SaveId = z.uuid();

export const SaveBeginSchema = z.discriminatedUnion('kind', [
  /** Main wrote nothing: this host has no file dialog (browser mode); the page saves the file itself. */
  z.object({ kind: z.literal('browser') }),
  /** The user closed the dialog without choosing. */
  z.object({ kind: z.literal('cancelled') }),
  /** Send the bytes in chunks of at most `chunkBytes`, then commit. */
  z.object({ kind: z.literal('chosen'), saveId: SaveId, chunkBytes: z.number().int().positive(), path: z.string() }),
]);
export type SaveBegin = z.infer<typeof SaveBeginSchema>;

export const StorageUsageSchema = z.object({
  totalBytes: z.number(),
  byGroup: z.record(z.string(), z.number()),
  pinnedBytes: z.number(),
  partialBytes: z.number(),
  freeDiskBytes: z.number(),
  files: z.array(
    z.object({
      sha256: z.string(),
      size: z.number(),
      pinned: z.boolean(),
      groups: z.array(z.string()),
      lastAccessAt: z.string(),
    }),
  ),
});
export type StorageUsage = z.infer<typeof StorageUsageSchema>;

export const contract = {
  app: {
    info: call(NoInput, AppInfoSchema),
    notices: call(NoInput, z.array(NoticeSchema)),
    dismissNotice: call(z.object({ id: z.string().min(1).max(100) }).strict(), z.null()),
  },
  settings: {
    get: call(NoInput, SettingsSchema),
    set: call(SettingsPatchSchema, SettingsSchema),
  },
  session: {
    status: call(NoInput, SessionStatusSchema),
    login: call(
      z
        .object({
          email: z.string().trim().min(1).max(254),
          password: z.string().min(1).max(1024),
          /** Sign in to this server (saved in the settings); the current one otherwise. */
          serverUrl: HttpUrlSchema.optional(),
        })
        .strict(),
      SessionStatusSchema,
    ),
    logout: call(NoInput, SessionStatusSchema),
    /**
     * Sync with another server: signs out of this one first (the user confirmed; writes waiting
     * for it stay in its own outbox until they sign in to it again), then saves the address.
     */
    changeServer: call(z.object({ serverUrl: HttpUrlSchema }).strict(), SessionStatusSchema),
    /** Ends every session of this account, on every computer, this one included. */
    signOutEverywhere: call(NoInput, SessionStatusSchema),
    /** An admin ends every session of another account (for the admin screens); `revoked` tokens stopped. */
    revokeAccountSessions: call(z.object({ userId: IdSchema }).strict(), RevokeSessionsResponseSchema),
  },
  /**
   * Accounts, for admins (the People screen): direct calls to the server, online only, never outbox
   * writes. Role and disable changes follow the server's `user.update` rules.
   */
  people: {
    search: call(PeopleSearchRequestSchema, PeopleSearchResponseSchema),
    /** Creates an invited account; the answer holds its one-time code, which nothing keeps (show it once). */
    invite: call(InvitationRequestSchema, InvitationSchema),
    /** A new code for an account still waiting for its invitee; earlier codes stop working. */
    reinvite: call(z.strictObject({ userId: IdSchema }), InvitationSchema),
    update: call(z.strictObject({ userId: IdSchema, change: AccountUpdateRequestSchema }), AccountSchema),
  },
  /** One's own account: passwords travel main → server only (never the outbox or IndexedDB). */
  account: {
    /** An invitee's first sign-in: their code, once, and the password they choose. Signs in. */
    redeemInvitation: call(
      RedeemInvitationRequestSchema.extend({ serverUrl: HttpUrlSchema.optional() }),
      SessionStatusSchema,
    ),
    /** Signs out this account's other sessions; this computer stays signed in. */
    changePassword: call(PasswordChangeRequestSchema, PasswordChangeResponseSchema),
  },
  sync: {
    /** One page of changes after `cursor`; the renderer applies it, then asks for the next. */
    pull: call(
      z
        .object({
          cursor: CursorSchema.optional(),
          limit: z.number().int().min(1).max(PULL_MAX_LIMIT).optional(),
          /** Edition packs imported since the last complete run: what they hold is not sent again. */
          packs: z.array(z.uuid()).max(20).optional(),
          account: AccountKey.optional(),
        })
        .strict(),
      PulledPageSchema,
    ),
    /** The newest discussion first (a first sync on a slow link): upserts with versions, no cursor. */
    recent: call(NoInput, RecentSnapshotSchema),
    push: call(PushRequestSchema.extend({ account: AccountKey.optional() }), PushResponseSchema),
    connectivity: call(NoInput, ConnectivitySchema),
    /** Probe the server now (the user pressed "retry"). */
    checkConnectivity: call(NoInput, ConnectivitySchema),
  },
  files: {
    /** Make documents available offline. `pinned` ones are never evicted by the storage cap. */
    download: call(
      z
        .object({
          items: z
            .array(
              z
                .object({
                  sha256: Sha256,
                  size: z.number().int().nonnegative(),
                  mime: z.string().min(1).max(100),
                  pinned: z.boolean().optional(),
                  groups: z.array(GroupId).max(20).optional(),
                })
                .strict(),
            )
            .min(1)
            .max(5000),
        })
        .strict(),
      z.array(DownloadStateSchema),
    ),
    cancel: call(z.object({ sha256: Sha256 }).strict(), DownloadStateSchema.nullable()),
    states: call(NoInput, z.array(DownloadStateSchema)),
    remove: call(
      z.union([z.object({ sha256: Sha256 }).strict(), z.object({ group: GroupId }).strict()]),
      z.object({ removed: z.array(z.string()), freedBytes: z.number() }),
    ),
    usage: call(NoInput, StorageUsageSchema),
    /** Where the renderer can load a downloaded file from (an app protocol URL); null if not stored. */
    url: call(z.object({ sha256: Sha256 }).strict(), z.string().nullable()),
    /** Open a downloaded file with the system's own viewer. */
    openWithSystem: call(z.object({ sha256: Sha256 }).strict(), z.null()),
    /**
     * Attach a file from disk: begin, send its bytes in order as base64 chunks
     * (they cross IPC and browser mode's JSON WebSocket alike), then commit.
     * Commit stores it offline at once and queues it for upload.
     */
    uploadBegin: call(
      z
        .object({
          name: z.string().trim().min(1).max(255),
          mime: MediaTypeSchema,
          size: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
        })
        .strict(),
      z.object({ uploadId: UploadId, chunkBytes: z.number().int().positive() }),
    ),
    uploadChunk: call(
      z
        .object({
          uploadId: UploadId,
          /** 0, 1, 2...: chunks come in order, each once. */
          index: z.number().int().nonnegative(),
          data: z
            .string()
            .min(1)
            .max(UPLOAD_CHUNK_BASE64_CHARS)
            .regex(/^[A-Za-z0-9+/]+={0,2}$/u, 'base64'),
        })
        .strict(),
      z.object({ receivedBytes: z.number().int().nonnegative() }),
    ),
    uploadCommit: call(z.object({ uploadId: UploadId }).strict(), UploadStateSchema),
    uploadAbort: call(z.object({ uploadId: UploadId }).strict(), z.null()),
    /** Every upload of the signed-in account on this computer: waiting, under way, done, failed. */
    uploads: call(NoInput, z.array(UploadStateSchema)),
    /** Try a failed upload again now. */
    uploadRetry: call(z.object({ sha256: Sha256 }).strict(), UploadStateSchema),
    /**
     * Forget a file attached here that nothing will use (its staged session was
     * discarded): it leaves the queue (an upload under way is stopped) and the
     * offline copy kept for it is removed, unless a download of the same file
     * holds it too. Main cannot see the cache: the renderer calls this only for
     * files no draft, outbox write or cached document points to.
     */
    uploadDiscard: call(z.object({ sha256: Sha256 }).strict(), UploadDiscardSchema),
  },
  exports: {
    /**
     * Save a file the renderer made (an export, a citation file) where the user
     * chooses: main asks with the system's save dialog, then takes the bytes in
     * ordered base64 chunks (they fit browser mode's 1 MiB frames) into a temp
     * file beside the target, and commit renames it into place (never a half file).
     */
    saveBegin: call(
      z
        .object({
          /** What the dialog proposes; the user may change it. */
          fileName: SaveFileNameSchema,
          size: z.number().int().nonnegative().max(MAX_SAVE_BYTES),
          /** The dialog's file type filter, e.g. "Zip archive" and ["zip"]. */
          filter: z
            .object({
              name: z.string().trim().min(1).max(100),
              extensions: z
                .array(z.string().regex(/^[a-z0-9]{1,10}$/u))
                .min(1)
                .max(5),
            })
            .strict(),
        })
        .strict(),
      SaveBeginSchema,
    ),
    saveChunk: call(
      z
        .object({
          saveId: SaveId,
          /** 0, 1, 2...: chunks come in order, each once. */
          index: z.number().int().nonnegative(),
          data: z
            .string()
            .min(1)
            .max(UPLOAD_CHUNK_BASE64_CHARS)
            .regex(/^[A-Za-z0-9+/]+={0,2}$/u, 'base64'),
        })
        .strict(),
      z.object({ writtenBytes: z.number().int().nonnegative() }),
    ),
    /** Every byte announced arrived: the file takes its place. Resolves with where it is. */
    saveCommit: call(z.object({ saveId: SaveId }).strict(), z.object({ path: z.string() })),
    /** Drops a save under way (its temp file goes); unknown ids are fine. */
    saveAbort: call(z.object({ saveId: SaveId }).strict(), z.null()),
  },
  shell: {
    /** Opens an allow-listed https: URL in the system browser. */
    openExternal: call(z.object({ url: z.string().min(1).max(4096) }).strict(), z.null()),
    /**
     * The place a deep link, a notification or a menu item asked to open that no
     * screen has taken yet (it came before sign-in or before the window was up); null if none.
     */
    takeNavigation: call(NoInput, NavTargetSchema.nullable()),
  },
  /** The desktop shell: updates, tray, badge and system notifications. Browser mode answers `available: false`. */
  desktop: {
    state: call(NoInput, DesktopStateSchema),
    checkForUpdates: call(NoInput, UpdateStateSchema),
    /** Download an update that waits because the connection is metered. */
    downloadUpdate: call(NoInput, UpdateStateSchema),
    /** The user agreed: quit, install the downloaded update and start again. */
    installUpdate: call(NoInput, z.null()),
    setSyncPaused: call(z.strictObject({ paused: z.boolean() }), DesktopStateSchema),
    /** Unread activity on the dock, taskbar or launcher icon (0 clears it). */
    setBadgeCount: call(BadgeCountSchema, z.null()),
    /** How sync stands in the renderer, for the tray icon. */
    reportSync: call(SyncReportSchema, z.null()),
    /** A system notification (reply, mention, refused write); shown unless muted. */
    notify: call(NotificationRequestSchema, z.null()),
  },
  /** The venue kit: edition packs, sharing on the venue network, the relay, bandwidth (docs/venue.md). */
  venue: venueContract,
} as const;

export const events = {
  'settings.changed': SettingsSchema,
  'app.notice': NoticeSchema,
  'session.changed': SessionStatusSchema,
  'sync.connectivity': ConnectivitySchema,
  /** The server has news (seq), or the live stream (re)connected (null): pull now. */
  'sync.remoteChanged': z.object({ seq: z.number().int().nullable() }),
  'files.changed': DownloadStateSchema,
  /** Offline copies removed (by the user, or evicted by the storage cap). */
  'files.removed': z.object({ sha256s: z.array(z.string()) }),
  'files.uploadChanged': UploadStateSchema,
  /** An upload was discarded: it is no longer in the list. */
  'files.uploadDiscarded': z.object({ sha256: Sha256 }),
  /** A command chosen outside the page (the application menu): the same ones as the keyboard shortcuts. */
  'app.command': z.strictObject({ id: z.enum(APP_COMMAND_IDS) }),
  /** Open this place (a deep link, a notification click, a menu item); then call shell.takeNavigation. */
  'shell.navigate': NavTargetSchema,
  'desktop.changed': DesktopStateSchema,
  ...venueEvents,
} as const;

export type Contract = typeof contract;
export type Namespace = keyof Contract;
export type MethodName<N extends Namespace> = keyof Contract[N] & string;
type Spec<N extends Namespace, M extends MethodName<N>> = Contract[N][M] extends {
  input: infer I extends z.ZodType;
  output: infer O extends z.ZodType;
}
  ? { input: I; output: O }
  : never;
export type CallInput<N extends Namespace, M extends MethodName<N>> = z.input<Spec<N, M>['input']>;
export type CallOutput<N extends Namespace, M extends MethodName<N>> = z.output<Spec<N, M>['output']>;

export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;
export type Unsubscribe = () => void;

/** What the renderer holds: one async function per declared call, plus typed events. */
export type Api = {
  [N in Namespace]: {
    [M in MethodName<N>]: CallInput<N, M> extends undefined
      ? () => Promise<Result<CallOutput<N, M>>>
      : (input: CallInput<N, M>) => Promise<Result<CallOutput<N, M>>>;
  };
} & {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): Unsubscribe;
};

/** What main implements: plain functions that return values or throw AppError. */
export type Handlers<N extends Namespace> = {
  [M in MethodName<N>]: (input: z.output<Spec<N, M>['input']>) => Promise<CallOutput<N, M>> | CallOutput<N, M>;
};
export type AllHandlers = { [N in Namespace]: Handlers<N> };

export type Channel = `${string}.${string}`;

/** Every call as `namespace.method`, the name used on IPC and on the WebSocket. */
export const CHANNELS: readonly Channel[] = Object.entries(contract).flatMap(([namespace, methods]) =>
  Object.keys(methods).map((method): Channel => `${namespace}.${method}`),
);

export const EVENT_NAMES = Object.keys(events) as EventName[];

export function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && Object.hasOwn(events, value);
}

/** Looks a channel up in the contract; undefined for anything not declared. */
export function specOf(channel: string): { input: z.ZodType; output: z.ZodType } | undefined {
  const [namespace, method, extra] = channel.split('.');
  if (namespace === undefined || method === undefined || extra !== undefined) return undefined;
  if (!Object.hasOwn(contract, namespace)) return undefined;
  const methods: Record<string, { input: z.ZodType; output: z.ZodType }> = contract[namespace as Namespace];
  return Object.hasOwn(methods, method) ? methods[method] : undefined;
}

/** Event channel on IPC, kept apart from call channels. */
export function eventChannel(event: EventName): string {
  return `event:${event}`;
}
