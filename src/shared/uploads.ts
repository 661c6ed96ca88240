/**
 * Files a facilitator attaches from disk: how their bytes cross to main in
 * chunks, and which files a pushed mutation needs on the server first.
 * Pure: shared by main, the renderer and the tests.
 */
import { MediaTypeSchema, DEFAULT_MAX_UPLOAD_BYTES } from './wire/files';
import { MUTATION_ARGS } from './wire/mutations';

/** The largest file the app accepts for upload: the server's default limit. */
export const MAX_UPLOAD_BYTES = DEFAULT_MAX_UPLOAD_BYTES;

/**
 * Raw bytes per chunk. Chunks travel as base64 inside one JSON frame, and
 * browser mode's WebSocket takes frames of at most 1 MiB: 512 KiB become
 * ~683 KiB of base64, which leaves room for the frame around it.
 */
export const UPLOAD_CHUNK_BYTES = 512 * 1024;
export const UPLOAD_CHUNK_BASE64_CHARS = 4 * Math.ceil(UPLOAD_CHUNK_BYTES / 3);

export const FALLBACK_MEDIA_TYPE = 'application/octet-stream';

/** A browser's File.type ('' when unknown, sometimes with parameters) as the server accepts it. */
export function normalizeMediaType(type: string): string {
  const bare = type.split(';')[0]?.trim().toLowerCase() ?? '';
  return MediaTypeSchema.safeParse(bare).success ? bare : FALLBACK_MEDIA_TYPE;
}

/**
 * The sha256 of every file the given mutations point to (document variants,
 * post attachments): the server refuses them unless it has those files.
 * Malformed arguments are skipped; the server rejects those anyway.
 */
export function referencedFiles(mutations: readonly { name: string; args: unknown }[]): string[] {
  const found = new Set<string>();
  for (const mutation of mutations) {
    if (mutation.name === 'document.create') {
      const parsed = MUTATION_ARGS['document.create'].safeParse(mutation.args);
      if (parsed.success) for (const variant of parsed.data.variants) found.add(variant.sha256);
    } else if (mutation.name === 'post.create') {
      const parsed = MUTATION_ARGS['post.create'].safeParse(mutation.args);
      if (parsed.success) for (const sha256 of parsed.data.attachments ?? []) found.add(sha256);
    }
  }
  return [...found];
}
