import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../fs/atomic-write';
import { readJsonFile } from '../fs/json-file';

export const ACCOUNTS_FILE = 'accounts.json';

const AccountsSchema = z.object({
  /** User id → the origin of the server whose cache is named after the bare user id. */
  homes: z.record(z.string(), z.string()),
});

/**
 * Names each (server, user) pair's local cache and outbox. Two servers can
 * know the same user id (a copy of a server, two demo servers, or a server
 * that lies), so the id alone cannot name a cache: what was written for
 * server A would be pushed to server B. The first server a user id signed in
 * to on this computer keeps the bare id (so caches made before this existed
 * stay theirs); any other server gets the id with a digest of its origin.
 */
export class SessionAccounts {
  private constructor(
    private readonly path: string,
    private homes: Record<string, string>,
  ) {}

  static async open(userDataDir: string): Promise<SessionAccounts> {
    const path = join(userDataDir, ACCOUNTS_FILE);
    const loaded = await readJsonFile(path, AccountsSchema);
    return new SessionAccounts(path, loaded.kind === 'loaded' ? { ...loaded.value.homes } : {});
  }

  /** The account key of this user on this server (its first server claims the bare id). */
  keyOf(userId: string, origin: string): string {
    const home = this.homes[userId];
    if (home === undefined || home === origin) return userId;
    const digest = createHash('sha256').update(origin).digest('hex').slice(0, 16);
    return `${userId}@${digest}`;
  }

  /** Records the user's first server, once; later servers never take it over. */
  async claim(userId: string, origin: string): Promise<void> {
    if (this.homes[userId] !== undefined) return;
    this.homes = { ...this.homes, [userId]: origin };
    await writeFileAtomic(this.path, `${JSON.stringify({ homes: this.homes }, null, 2)}\n`, { mode: 0o600 });
  }
}
