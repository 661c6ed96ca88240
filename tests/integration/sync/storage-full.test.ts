import { describe, expect, it } from 'vitest';
import { draftKeys } from '../../../src/renderer/src/data/drafts';
import { newId } from '../../../src/renderer/src/data/ids';
import { enqueueWrites } from '../../../src/renderer/src/data/outbox';
import { StorageQuota } from '../../faults/storage-quota';
import { signInAndSync, useSyncTestbed } from '../../support/sync-client';

const testbed = useSyncTestbed();

/**
 * IndexedDB's quota runs out (the browser refuses every write with QuotaExceededError): a pull page is
 * not stored, nor its cursor; the draft and the outbox stay as they were; sync says `disk-full` (the
 * status area and the Sync center name it) and tries again; once there is room, everything converges.
 */
describe('a full IndexedDB quota', () => {
  it('keeps drafts and the outbox, names the error, and catches up once there is room', async () => {
    const quota = new StorageQuota();
    const reader = await testbed.client();
    quota.install(reader.db);
    await signInAndSync(reader, 'participant@example.org');
    const writer = await testbed.client();
    await signInAndSync(writer, 'facilitator@example.org');
    const thread = await reader.db.threads.filter((t) => !t.locked && !t.hidden).first();
    if (thread === undefined) throw new Error('no open thread');

    // Offline for a moment: a reply waits in the outbox, and another is being written (a draft).
    await reader.engine.stop();
    const waiting = newId();
    await enqueueWrites(reader.db, [
      { name: 'post.create', args: { id: waiting, threadId: thread.id, body: 'Waiting to go.', language: 'en' } },
    ]);
    const draftKey = draftKeys.reply(thread.id);
    const draft = { key: draftKey, kind: 'reply' as const, fields: { body: 'Half a thought' }, targetId: thread.id };
    await reader.db.drafts.put({ ...draft, updatedAt: new Date().toISOString() });
    const cursor = (await reader.db.syncMeta.get('cursor'))?.value;

    // Someone else replies; this computer's storage is full.
    const theirs = newId();
    await enqueueWrites(writer.db, [
      { name: 'post.create', args: { id: theirs, threadId: thread.id, body: 'From elsewhere.', language: 'en' } },
    ]);
    writer.engine.trigger();
    await writer.settle((s) => s.phase === 'idle' && s.pushed >= 1);
    quota.full = true;
    reader.engine.start();
    await reader.settle((s) => s.phase === 'waiting-to-retry' && s.error?.code === 'disk-full');
    expect(quota.refused).toBeGreaterThan(0);
    expect(await reader.db.posts.get(theirs)).toBeUndefined();
    expect((await reader.db.syncMeta.get('cursor'))?.value).toBe(cursor);
    expect((await reader.db.outbox.toArray()).map((item) => [item.entityId, item.status])).toEqual([
      [waiting, 'pending'],
    ]);
    expect(await reader.db.drafts.get(draftKey)).toMatchObject(draft);

    // Sending the draft fails as a whole: the draft stays, nothing half-written joins the outbox.
    await expect(
      enqueueWrites(
        reader.db,
        [{ name: 'post.create', args: { id: newId(), threadId: thread.id, body: 'Half a thought', language: 'en' } }],
        { alsoDeleteDrafts: [draftKey] },
      ),
    ).rejects.toMatchObject({ name: 'QuotaExceededError' });
    expect(await reader.db.drafts.get(draftKey)).toMatchObject(draft);
    expect(await reader.db.outbox.count()).toBe(1);

    quota.full = false;
    reader.engine.trigger();
    await reader.settle((s) => s.phase === 'idle' && s.error === null);
    expect(await reader.db.outbox.count()).toBe(0);
    // The server's copy of the reply comes with a pull that may be the next run's (its news arrives live).
    await expect.poll(async () => (await reader.db.posts.get(theirs))?.body).toBe('From elsewhere.');
    await expect.poll(async () => (await reader.db.posts.get(waiting))?.version ?? 0).toBeGreaterThan(0);
    expect(await reader.db.drafts.get(draftKey)).toMatchObject(draft);
  });
});
