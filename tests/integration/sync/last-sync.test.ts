import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../../src/renderer/src/data/db';
import { SyncEngine } from '../../../src/renderer/src/data/sync-engine';
import { fail } from '../../../src/shared/result';
import type { Api } from '../../../src/shared/contract';
import { signInAndSync, useSyncTestbed } from '../../support/sync-client';

const testbed = useSyncTestbed();

/** A main process that cannot reach any server: every call answers `offline`. */
function offlineApi(): Pick<Api, 'sync' | 'on'> {
  const offline = () => Promise.resolve(fail('offline', 'The server cannot be reached.'));
  return {
    sync: new Proxy({} as Api['sync'], { get: () => offline }),
    on: () => () => undefined,
  };
}

describe('the last sync', () => {
  it('is stored when a complete run ends, and known again after a restart, before any sync', async () => {
    const client = await testbed.client();
    await signInAndSync(client, 'participant@example.org');
    const when = client.engine.current().lastSuccessAt;
    expect(when).not.toBeNull();
    expect((await client.db.syncMeta.get('lastSyncAt'))?.value).toBe(when);

    // Restart offline on the same database: the age of the copy is known at once.
    const factory = new IDBFactory();
    const db = openDb('restarted', { indexedDB: factory, IDBKeyRange });
    await db.syncMeta.put({ key: 'lastSyncAt', value: when ?? '' });
    const engine = new SyncEngine({ db, api: offlineApi(), backoff: { baseMs: 60_000, maxMs: 60_000 } });
    engine.start();
    await expect.poll(() => engine.current().lastSuccessAt).toBe(when);
    await expect.poll(() => engine.current().phase).toBe('waiting-to-retry');
    // A failed run does not make the copy look fresher.
    expect(engine.current().lastSuccessAt).toBe(when);
    await engine.stop();
    db.close();
  });
});
