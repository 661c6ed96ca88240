import { isAbsolute, join, relative, resolve, sep } from 'node:path';

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** True only for a lower-case hex sha256: the one shape a blob name may take. */
export function isSha256(value: unknown): value is string {
  return typeof value === 'string' && SHA256_HEX.test(value);
}

/**
 * The absolute path of a blob inside the store, or undefined for anything that is not
 * a plain sha256. Pure, so the app protocol can call it on untrusted input: no
 * decoding, no separators, no `..`, no case folding reaches the file system.
 */
export function confinePath(root: string, sha256: unknown): string | undefined {
  if (!isSha256(sha256)) return undefined;
  const base = resolve(root);
  const candidate = resolve(base, sha256.slice(0, 2), sha256);
  const rel = relative(base, candidate);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel) || rel.split(sep).length !== 2) return undefined;
  return candidate;
}

/** Where everything of the store lives, under `<userData>/files/`. */
export class StoreLayout {
  readonly root: string;
  readonly partialDir: string;
  readonly manifestPath: string;

  constructor(rootDir: string) {
    this.root = resolve(rootDir);
    this.partialDir = join(this.root, 'partial');
    this.manifestPath = join(this.root, 'manifest.json');
  }

  /** Final, verified location: `files/<aa>/<sha256>`. */
  blobPath(sha256: string): string {
    const path = confinePath(this.root, sha256);
    if (path === undefined) throw new TypeError('not a sha256');
    return path;
  }

  fanOutDir(sha256: string): string {
    return join(this.root, sha256.slice(0, 2));
  }

  partPath(sha256: string): string {
    if (!isSha256(sha256)) throw new TypeError('not a sha256');
    return join(this.partialDir, `${sha256}.part`);
  }
}
