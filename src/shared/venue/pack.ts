import { z } from 'zod';
import { CONTENT_LANGUAGES } from '../languages';
import { ChangeSchema, CursorSchema } from '../wire/sync';

/**
 * An edition pack: a folder that carries an Academy edition, its documents
 * and the threads linked to it from one laptop to another without a network.
 * The server builds the rows and signs the manifest (see docs/venue.md).
 */
export const PACK_FORMAT = 'cb-pack';
export const PACK_VERSION = 1;
/** Prefixes of signed texts: a signature made for one purpose never verifies for another. */
export const PACK_SIGNATURE_CONTEXT = 'cb-pack-v1\n';
export const RELAY_WRITE_CONTEXT = 'cb-relay-write-v1\n';
export const RELAY_RECEIPT_CONTEXT = 'cb-relay-receipt-v1\n';

export const PACK_MANIFEST_FILE = 'manifest.json';
export const PACK_SIGNATURE_FILE = 'manifest.sig';
export const PACK_EXTENSION = '.cbpack';
/** Rows files stay under this size, so each is one IndexedDB transaction and one IPC message. */
export const PACK_ROWS_FILE_BYTES = 1024 * 1024;

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/u);
const Base64Url = z.string().regex(/^[A-Za-z0-9_-]+$/u);
/** The first 16 hex digits of the sha256 of the server's raw public key. */
export const KeyIdSchema = z.string().regex(/^[0-9a-f]{16}$/u);

export const ServerKeySchema = z.strictObject({
  keyId: KeyIdSchema,
  /** The raw 32-byte Ed25519 public key, base64url. */
  publicKey: Base64Url.length(43),
});
export type ServerKey = z.infer<typeof ServerKeySchema>;

const RowsPathSchema = z.string().regex(/^rows\/\d{4}\.json$/u);

export const PackManifestSchema = z.strictObject({
  format: z.literal(PACK_FORMAT),
  version: z.literal(PACK_VERSION),
  packId: z.uuid(),
  keyId: KeyIdSchema,
  /** The server's address when the pack was cut, for people (trust comes from the key). */
  server: z.string().max(2048),
  edition: z.strictObject({ collectionId: z.uuid(), title: z.string().max(2000) }),
  languages: z.array(z.enum(CONTENT_LANGUAGES)).min(1).max(CONTENT_LANGUAGES.length),
  scope: z.strictObject({
    categoryIds: z.array(z.uuid()).max(50),
    tags: z.array(z.string().min(1).max(40)).max(50),
  }),
  /** The server cursor the pack was cut at. */
  cursor: CursorSchema,
  cutAt: z.iso.datetime({ offset: true }),
  /** A delta names the pack it was cut against; null for a full pack. */
  base: z.strictObject({ packId: z.uuid(), cursor: CursorSchema }).nullable(),
  rows: z
    .array(
      z.strictObject({
        path: RowsPathSchema,
        sha256: Sha256,
        size: z
          .int()
          .min(1)
          .max(PACK_ROWS_FILE_BYTES * 4),
        count: z.int().min(0),
      }),
    )
    .max(10_000),
  files: z
    .array(z.strictObject({ sha256: Sha256, size: z.int().min(0), mime: z.string().min(1).max(100) }))
    .max(100_000),
});
export type PackManifest = z.infer<typeof PackManifestSchema>;

/** One rows file of a pack: changes in the pull's own wire format. */
export const PackRowsSchema = z.strictObject({ changes: z.array(ChangeSchema) });
export type PackRows = z.infer<typeof PackRowsSchema>;

/** What the server answers to "cut a pack": the manifest text it signed, the signature, the rows texts. */
export const CutPackResponseSchema = z.strictObject({
  manifest: z.string().min(2),
  signature: Base64Url,
  rows: z.array(z.string()),
});
export type CutPackResponse = z.infer<typeof CutPackResponseSchema>;

export const CutPackRequestSchema = z.strictObject({
  collectionId: z.uuid(),
  languages: z.array(z.enum(CONTENT_LANGUAGES)).min(1).max(CONTENT_LANGUAGES.length),
  tags: z.array(z.string().min(1).max(40)).max(50).default([]),
  categoryIds: z.array(z.uuid()).max(50).default([]),
  basePackId: z.uuid().optional(),
});
export type CutPackRequest = z.input<typeof CutPackRequestSchema>;

/** Total bytes a pack takes on a drive (rows and files; the manifest is small). */
export function packBytes(manifest: PackManifest): number {
  return (
    manifest.rows.reduce((sum, rows) => sum + rows.size, 0) + manifest.files.reduce((sum, file) => sum + file.size, 0)
  );
}

/** The text a signature covers. */
export function signedText(context: string, text: string): Uint8Array {
  return new TextEncoder().encode(context + text);
}
