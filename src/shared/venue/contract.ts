import { z } from 'zod';
import { CONTENT_LANGUAGES } from '../languages';
import { ChangeSchema, MutationResultSchema, MutationSchema } from '../wire/sync';
import { PackSummarySchema, VenueProgressSchema } from './contract-types';
import { DiscoveredHostSchema } from './discovery';
import { HostPackSchema } from './lan';
import { RELAY_MAX_MUTATIONS } from './relay';

/** The venue kit's calls and events (src/shared/contract.ts includes them as the `venue` namespace). */
function call<I extends z.ZodType, O extends z.ZodType>(input: I, output: O): { input: I; output: O } {
  return { input, output };
}
const NoInput = z.undefined();
const PackId = z.uuid();
const Path = z.string().trim().min(1).max(4096);
/** Text pieces of an archive stay well under browser mode's 1 MiB WebSocket frames. */
export const ARCHIVE_TEXT_CHUNK = 256 * 1024;
/** A file inside an archive: lower-case ASCII names, at most three levels, never `..`. */
const ArchivePathSchema = z
  .string()
  .max(300)
  .regex(/^(?:[a-z0-9][a-z0-9_-]*(?:\.[a-z0-9_-]+)*\/){0,2}[a-z0-9][a-z0-9_-]*(?:\.[a-z0-9_-]+)*$/u);
const ArchiveNameSchema = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} ._-]*$/u);

export const VenueStatusSchema = z.strictObject({
  /** The server key this computer pinned for the account's server. */
  serverKeyId: z.string().nullable(),
  /** This account's device key is registered with the server (it may sign writes for a relay). */
  deviceRegistered: z.boolean(),
  host: z
    .strictObject({
      code: z.string(),
      port: z.int(),
      addresses: z.array(z.string()),
      peers: z.int(),
      waitingWrites: z.int(),
    })
    .nullable(),
  peer: z.strictObject({ address: z.string(), hostName: z.string() }).nullable(),
  /** Venue hosts heard by mDNS while the Venue screen looks for them (validated records only). */
  discovered: z.array(DiscoveredHostSchema),
  /** This computer can look for hosts on the venue network (off where mDNS is not offered). */
  discovery: z.boolean(),
});
export type VenueStatus = z.infer<typeof VenueStatusSchema>;

export const UsageSchema = z.strictObject({
  todayBytes: z.number().min(0),
  monthBytes: z.number().min(0),
  todayRequests: z.number().min(0),
});
export type Usage = z.infer<typeof UsageSchema>;

export const RelayStateSchema = z.record(z.string(), z.enum(['handed', 'delivered']));

export const venueContract = {
  status: call(NoInput, VenueStatusSchema),
  /** Where exports go unless the user chooses another folder, and whether this host has a folder dialog. */
  defaults: call(NoInput, z.strictObject({ exportDirectory: z.string(), canPickFolder: z.boolean() })),
  /** Asks the user for a folder with the system's dialog (Electron): the chosen path, or null if cancelled. */
  pickFolder: call(z.strictObject({ defaultPath: Path.optional() }), z.string().nullable()),
  /** Checks a typed folder for an export: its absolute, normalized path, or `folder-invalid` saying why. */
  checkFolder: call(z.strictObject({ path: Path }), z.strictObject({ path: z.string() })),
  /** The server cuts and signs a pack; nothing is written yet (the size is shown first). */
  planExport: call(
    z.strictObject({
      collectionId: z.uuid(),
      languages: z.array(z.enum(CONTENT_LANGUAGES)).min(1).max(CONTENT_LANGUAGES.length),
      tags: z.array(z.string().trim().min(1).max(40)).max(50),
      categoryIds: z.array(z.uuid()).max(50),
      basePackId: PackId.optional(),
    }),
    PackSummarySchema,
  ),
  exportPack: call(z.strictObject({ packId: PackId, directory: Path }), z.strictObject({ path: z.string() })),
  cancel: call(z.strictObject({ packId: PackId }), z.null()),
  inspectPack: call(z.strictObject({ path: Path }), PackSummarySchema),
  /** Copies the pack's files into the document store; again after an interruption, it goes on. */
  importFiles: call(z.strictObject({ path: Path }), PackSummarySchema),
  /** One rows file of a pack being imported, verified and validated, for the renderer to apply. */
  packRows: call(
    z.strictObject({ packId: PackId, index: z.int().min(0).max(10_000) }),
    z.strictObject({ changes: z.array(ChangeSchema) }),
  ),
  /** The renderer applied every rows file. */
  completeImport: call(z.strictObject({ packId: PackId }), PackSummarySchema),
  packs: call(NoInput, z.array(PackSummarySchema)),
  startSharing: call(
    z.strictObject({ bind: z.string().max(100).optional(), port: z.int().min(0).max(65535).optional() }),
    VenueStatusSchema,
  ),
  stopSharing: call(NoInput, VenueStatusSchema),
  connect: call(
    z.strictObject({ address: z.string().trim().min(1).max(300), code: z.string().trim().min(4).max(20) }),
    VenueStatusSchema,
  ),
  disconnect: call(NoInput, VenueStatusSchema),
  /** Starts (the Venue screen is open) or stops looking for venue hosts by mDNS. */
  browse: call(z.strictObject({ on: z.boolean() }), VenueStatusSchema),
  hostPacks: call(NoInput, z.array(HostPackSchema)),
  /** Copies a pack from the venue host into this computer; then import it with its returned path. */
  fetchPack: call(z.strictObject({ packId: PackId }), z.strictObject({ path: z.string() })),
  /** Signs these pending writes with this device's key and leaves them with the venue host. */
  handOff: call(
    z.strictObject({
      clientId: z.string().min(1).max(100),
      mutations: z.array(MutationSchema).min(1).max(RELAY_MAX_MUTATIONS),
    }),
    z.strictObject({ handed: z.int().min(0) }),
  ),
  /** The server's results for writes this laptop handed off, from receipts it signed (verified here). */
  receipts: call(z.strictObject({ clientId: z.string().min(1).max(100) }), z.array(MutationResultSchema)),
  /** Mutation id → handed to the venue host, or delivered (a receipt came back). */
  relayStates: call(NoInput, RelayStateSchema),
  usage: call(NoInput, UsageSchema),
  /** Starts writing an alumni archive into `directory` (aside, as `<name>.partial`, until committed). */
  archiveBegin: call(
    z.strictObject({ directory: Path, name: ArchiveNameSchema }),
    z.strictObject({ archiveId: z.uuid(), path: z.string() }),
  ),
  /** One text file of the archive, or a further piece of it (`append`), as the renderer built it. */
  archiveWrite: call(
    z.strictObject({
      archiveId: z.uuid(),
      path: ArchivePathSchema,
      text: z.string().max(ARCHIVE_TEXT_CHUNK),
      append: z.boolean(),
    }),
    z.null(),
  ),
  /** The documents, copied from the store (downloaded first if missing), hashes checked. */
  archiveFiles: call(
    z.strictObject({
      archiveId: z.uuid(),
      files: z
        .array(
          z.strictObject({
            sha256: z.string().regex(/^[0-9a-f]{64}$/u),
            size: z.int().min(0),
            mime: z.string().min(1).max(100),
            path: ArchivePathSchema,
          }),
        )
        .max(20_000),
    }),
    z.null(),
  ),
  /** Every file is written: the archive takes its name. */
  archiveCommit: call(z.strictObject({ archiveId: z.uuid() }), z.strictObject({ path: z.string() })),
  /** Stops an archive being written and removes what it wrote. */
  archiveAbort: call(z.strictObject({ archiveId: z.uuid() }), z.null()),
} as const;

export const venueEvents = {
  'venue.progress': VenueProgressSchema,
  'venue.changed': VenueStatusSchema,
} as const;
