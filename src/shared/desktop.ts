/**
 * What the desktop shell and the renderer say to each other beyond content:
 * where to navigate (a deep link, a notification, a menu item), the state of
 * updates, the tray's view of sync, and the notifications the renderer asks
 * the operating system to show. Declared here so the contract, main and the
 * renderer share one definition; validated in main like every call's input.
 */
import { z } from 'zod';
import { IdSchema } from './wire/entities';
import { InvitationCodeSchema } from './wire/people';

/** The top-level screens a menu item or the tray can open. */
export const NAV_SECTIONS = ['home', 'activity', 'forum', 'library', 'academy', 'news', 'sync', 'settings'] as const;
export type NavSection = (typeof NAV_SECTIONS)[number];

/**
 * A place in the app that something outside the page asks to open. Deep links
 * carry the first three; ids are checked against the wire format's own schema,
 * since a link is untrusted input.
 */
export const NavTargetSchema = z.discriminatedUnion('screen', [
  z.strictObject({ screen: z.literal('thread'), threadId: IdSchema, postId: IdSchema.optional() }),
  z.strictObject({ screen: z.literal('document'), documentId: IdSchema }),
  /** An Academy edition: its collection of sessions. */
  z.strictObject({ screen: z.literal('edition'), collectionId: IdSchema }),
  z.strictObject({ screen: z.literal('section'), section: z.enum(NAV_SECTIONS) }),
  /** An invitation link: the sign-in screen opens on "I have an invitation" with the code filled in. */
  z.strictObject({ screen: z.literal('invitation'), code: InvitationCodeSchema }),
]);
export type NavTarget = z.infer<typeof NavTargetSchema>;

/** Menu commands that are not a place: the renderer carries them out (Find, Back). */

const Version = z.string().min(1).max(100);
const Timestamp = z.string().max(40);

/**
 * Where updating the app stands. `unsupported` says why there is nothing to
 * show (browser mode, a development build, a package format that cannot update
 * itself); `available` with `waitingFor: 'metered'` waits for the user to ask.
 */
export const UpdateStateSchema = z.discriminatedUnion('status', [
  z.strictObject({ status: z.literal('unsupported'), reason: z.enum(['browser', 'not-packaged']) }),
  z.strictObject({ status: z.literal('idle'), checkedAt: Timestamp.nullable() }),
  z.strictObject({ status: z.literal('checking') }),
  z.strictObject({ status: z.literal('up-to-date'), checkedAt: Timestamp }),
  z.strictObject({
    status: z.literal('available'),
    version: Version,
    /** Why the download has not started: the connection is metered, so it waits for "Download". */
    waitingFor: z.enum(['metered']).nullable(),
  }),
  z.strictObject({
    status: z.literal('downloading'),
    version: Version,
    transferredBytes: z.number().nonnegative(),
    totalBytes: z.number().nonnegative(),
  }),
  /** Ready: it installs when the user agrees to restart. */
  z.strictObject({ status: z.literal('downloaded'), version: Version }),
  z.strictObject({
    status: z.literal('error'),
    code: z.enum(['offline', 'feed', 'verification', 'disk', 'other']),
    checkedAt: Timestamp,
  }),
]);
export type UpdateState = z.infer<typeof UpdateStateSchema>;

/** The desktop shell's own state, for Settings. In browser mode `available` is false and nothing else applies. */
export const DesktopStateSchema = z.strictObject({
  available: z.boolean(),
  update: UpdateStateSchema,
  /** The user paused sync from the tray: nothing is sent or fetched until they resume. */
  syncPaused: z.boolean(),
});
export type DesktopState = z.infer<typeof DesktopStateSchema>;

/** How sync looks from the renderer, which runs it; the tray shows it. */
export const SyncReportSchema = z.strictObject({
  state: z.enum(['synced', 'syncing', 'offline', 'paused', 'needs-sign-in', 'standby']),
  /** Writes in the outbox, waiting to be sent. */
  waiting: z.number().int().nonnegative().max(1_000_000),
});
export type SyncReport = z.infer<typeof SyncReportSchema>;

/** What a system notification is about; decides nothing but its grouping and whether it may be shown. */
export const NOTIFICATION_KINDS = [
  'reply',
  'mention',
  'download-finished',
  'write-refused',
  'update-ready',
  /** The disk filled up while saving a document. */
  'storage-full',
  /** A translation the user asked for arrived. */
  'translated',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/**
 * A notification the renderer asks for (it sees replies, mentions, refused
 * writes and the translations the user asked for as they sync). Title and body
 * are already in the user's language.
 */
export const NotificationRequestSchema = z.strictObject({
  kind: z.enum(['reply', 'mention', 'write-refused', 'translated']),
  title: z.string().trim().min(1).max(200),
  body: z.string().max(500),
  /** Where a click on it goes. */
  target: NavTargetSchema,
});
export type NotificationRequest = z.infer<typeof NotificationRequestSchema>;

/** The unread activity shown on the dock, taskbar or launcher icon. */
export const BadgeCountSchema = z.strictObject({ count: z.number().int().nonnegative().max(99_999) });
