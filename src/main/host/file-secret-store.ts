import { readFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../fs/atomic-write';
import type { SecretStore } from './host';

const SecretsFileSchema = z.record(z.string(), z.string());

export interface SecretCodec {
  readonly encrypted: boolean;
  encode(plain: string): Promise<string>;
  decode(stored: string): Promise<string>;
}

export const plainCodec: SecretCodec = {
  encrypted: false,
  encode: (plain) => Promise.resolve(plain),
  decode: (stored) => Promise.resolve(stored),
};

/**
 * Secrets in one JSON file readable by the owner only (0600). The codec
 * decides what is written: Electron's safeStorage ciphertext, or plain text
 * in browser mode, where the file permissions are the protection.
 */
export function createFileSecretStore(path: string, codec: SecretCodec): SecretStore {
  async function readAll(): Promise<Record<string, string>> {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw error;
    }
    const parsed = SecretsFileSchema.safeParse(safeJson(text));
    // An unreadable secrets file holds nothing we can use; the user signs in again.
    return parsed.success ? parsed.data : {};
  }

  async function writeAll(entries: Record<string, string>): Promise<void> {
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    await writeFileAtomic(path, JSON.stringify(entries), { mode: 0o600 });
  }

  let queue: Promise<void> = Promise.resolve();
  const serially = (work: () => Promise<void>): Promise<void> => {
    const run = queue.then(work);
    queue = run.catch(() => undefined);
    return run;
  };
  return {
    encrypted: codec.encrypted,
    async get(key) {
      const entries = await readAll();
      const stored = entries[key];
      if (stored === undefined) return null;
      try {
        return await codec.decode(stored);
      } catch {
        // Undecryptable (the keychain changed): treat as absent, the user signs in again.
        return null;
      }
    },
    // Read-modify-write, one at a time: two services writing their secrets together must not lose one.
    set: (key, value) =>
      serially(async () => {
        const entries = await readAll();
        entries[key] = await codec.encode(value);
        await writeAll(entries);
      }),
    delete: (key) =>
      serially(async () => {
        const entries = await readAll();
        if (!(key in entries)) return;
        await writeAll(Object.fromEntries(Object.entries(entries).filter(([name]) => name !== key)));
      }),
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
