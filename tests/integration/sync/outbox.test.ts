import { describe, expect, it } from 'vitest';
import { newId } from '../../../src/renderer/src/data/ids';
import { enqueueWrites, keepMine, recoverSending, takeBatch, takeTheirs } from '../../../src/renderer/src/data/outbox';
import { signInAndSync, type FetchWrapper, type SyncClient, useSyncTestbed } from '../../support/sync-client';

const testbed = useSyncTestbed();

function client(wrapFetch?: FetchWrapper): Promise<SyncClient> {
  return testbed.client(wrapFetch ? { wrapFetch } : {});
}

async function openThread(c: SyncClient): Promise<string> {
  const thread = await c.db.threads.filter((t) => !t.locked && !t.hidden).first();
  if (thread === undefined) throw new Error('no open thread in the demo');
  return thread.id;
}

function isPush(input: Parameters<typeof fetch>[0]): boolean {
  return String(input instanceof Request ? input.url : input).includes('/api/sync/push');
}

/**
 * The same user on two computers edits one post from the same version: A's edit lands first ("A wins"),
 * B's ("B loses") comes back as a conflict, which B has not settled yet.
 */
async function conflictOnOnePost(): Promise<{ a: SyncClient; b: SyncClient; postId: string }> {
  const a = await client();
  await signInAndSync(a, 'participant@example.org');
  const b = await client();
  await signInAndSync(b, 'participant@example.org');
  const threadId = await openThread(a);
  const postId = newId();
  await enqueueWrites(a.db, [{ name: 'post.create', args: { id: postId, threadId, body: 'Base', language: 'en' } }]);
  a.engine.trigger();
  await expect.poll(async () => (await b.db.posts.get(postId))?.version, { timeout: 15_000 }).toBeGreaterThan(0);
  const version = (await b.db.posts.get(postId))?.version ?? 0;
  await b.engine.stop();
  await enqueueWrites(a.db, [{ name: 'post.update', args: { id: postId, body: 'A wins' }, baseVersion: version }]);
  a.engine.trigger();
  await a.settle((s) => s.phase === 'idle' && s.pushed >= 2);
  await enqueueWrites(b.db, [{ name: 'post.update', args: { id: postId, body: 'B loses' }, baseVersion: version }]);
  b.engine.start();
  await b.settle((s) => s.phase === 'idle' && s.conflicts === 1);
  return { a, b, postId };
}

describe('outbox', () => {
  it('sends a write as soon as it is made, with nothing else waking sync', async () => {
    const writer = await client();
    await signInAndSync(writer, 'participant@example.org');
    const threadId = await openThread(writer);
    const id = newId();
    await enqueueWrites(writer.db, [
      { name: 'post.create', args: { id, threadId, body: 'Sent without a nudge.', language: 'en' } },
    ]);
    // No trigger(), no live event, no connectivity change: only the outbox write.
    await writer.settle((status) => status.pushed > 0 && status.phase === 'idle');
    expect(writer.engine.current().pushed).toBe(1);
    expect(await writer.db.outbox.count()).toBe(0);
    expect((await writer.db.posts.get(id))?.version).toBeGreaterThan(0);
  });

  it('still pulls what others wrote while a file it needs cannot be uploaded', async () => {
    const participant = await client();
    await signInAndSync(participant, 'participant@example.org');
    const threadId = await openThread(participant);
    // Participants may not upload files: the server answers 403, for good.
    const bytes = Buffer.from('%PDF-1.4 minutes of the Agadir session');
    const begun = await participant.api.files.uploadBegin({
      name: 'minutes.pdf',
      mime: 'application/pdf',
      size: bytes.length,
    });
    if (!begun.ok) throw new Error(begun.error.message);
    const { uploadId } = begun.value;
    expect((await participant.api.files.uploadChunk({ uploadId, index: 0, data: bytes.toString('base64') })).ok).toBe(
      true,
    );
    const committed = await participant.api.files.uploadCommit({ uploadId });
    if (!committed.ok) throw new Error(committed.error.message);
    await enqueueWrites(participant.db, [
      {
        name: 'post.create',
        args: {
          id: newId(),
          threadId,
          body: 'Minutes attached.',
          language: 'en',
          attachments: [committed.value.sha256],
        },
      },
    ]);
    await participant.settle((status) => status.error?.code === 'upload-failed');

    // Meanwhile someone else replies: the blocked outbox does not keep it away.
    const other = await client();
    await signInAndSync(other, 'moderator@example.org');
    const reply = newId();
    await enqueueWrites(other.db, [
      { name: 'post.create', args: { id: reply, threadId, body: 'Seen from elsewhere.', language: 'en' } },
    ]);
    await other.settle((status) => status.pushed > 0 && status.phase === 'idle');
    participant.engine.trigger();
    await expect.poll(() => participant.db.posts.get(reply), { timeout: 10_000 }).toBeDefined();
    expect(await participant.db.outbox.count()).toBe(1); // the post with the file still waits
  });

  it('delivers each write exactly once when pushes are dropped and replayed', async () => {
    let pushes = 0;
    // Fault: the first push never reaches the server; the next two reach it but their answers are lost.
    const flaky: FetchWrapper = (real) => async (input, init) => {
      if (!isPush(input)) return real(input, init);
      pushes += 1;
      if (pushes === 1) throw new TypeError('network down');
      const response = await real(input, init);
      if (pushes <= 3) throw new TypeError('connection reset after the request');
      return response;
    };
    const writer = await client(flaky);
    await signInAndSync(writer, 'participant@example.org');
    const threadId = await openThread(writer);
    const bodies = ['Première réponse, hors ligne.', 'Second reply, written offline.', 'Tercera respuesta.'];
    const ids = bodies.map(() => newId());
    await enqueueWrites(
      writer.db,
      bodies.map((body, index) => ({
        name: 'post.create' as const,
        args: { id: ids[index] ?? '', threadId, body, language: 'fr' as const },
      })),
    );
    // Shown at once, marked as waiting.
    expect((await writer.db.posts.get(ids[0] ?? ''))?.local).toBe('pending');
    writer.engine.trigger();
    await writer.settle((s) => s.phase === 'idle' && s.pushed === 3);
    expect(pushes).toBe(4);
    expect(await writer.db.outbox.count()).toBe(0);
    expect((await writer.db.posts.get(ids[0] ?? ''))?.local).toBeUndefined();

    const reader = await client();
    await signInAndSync(reader, 'moderator@example.org');
    for (const body of bodies) {
      expect(await reader.db.posts.filter((post) => post.body === body).count()).toBe(1);
    }
  });

  it('puts items left "sending" by a crash back to pending', async () => {
    const c = await client();
    await signInAndSync(c, 'participant@example.org');
    await c.engine.stop();
    const threadId = await openThread(c);
    const id = newId();
    await enqueueWrites(c.db, [
      { name: 'post.create', args: { id, threadId, body: 'Sent just before the crash.', language: 'en' } },
    ]);
    await takeBatch(c.db, 'crashed-client');
    expect((await c.db.outbox.toArray())[0]?.status).toBe('sending');
    expect(await recoverSending(c.db)).toBe(1);
    expect((await c.db.outbox.toArray())[0]?.status).toBe('pending');
  });

  it('keeps both versions on a conflict and lets the user choose', async () => {
    const laptop = await client();
    await signInAndSync(laptop, 'participant@example.org');
    const threadId = await openThread(laptop);
    const postId = newId();
    await enqueueWrites(laptop.db, [
      { name: 'post.create', args: { id: postId, threadId, body: 'Version 1', language: 'en' } },
    ]);
    laptop.engine.trigger();
    await laptop.settle((s) => s.phase === 'idle' && s.pushed >= 1);

    const phone = await client();
    await signInAndSync(phone, 'participant@example.org');
    const version = (await phone.db.posts.get(postId))?.version ?? 0;
    expect(version).toBeGreaterThan(0);

    // Both edit version 1; the phone's edit lands first.
    await laptop.engine.stop();
    await enqueueWrites(laptop.db, [
      { name: 'post.update', args: { id: postId, body: 'Laptop edit' }, baseVersion: version },
    ]);
    await enqueueWrites(phone.db, [
      { name: 'post.update', args: { id: postId, body: 'Phone edit' }, baseVersion: version },
    ]);
    phone.engine.trigger();
    await phone.settle((s) => s.phase === 'idle' && s.pushed >= 1);

    laptop.engine.start();
    await laptop.settle((s) => s.phase === 'idle' && s.conflicts === 1);
    const [item] = await laptop.db.outbox.toArray();
    expect((item?.current?.data as { body?: string } | undefined)?.body).toBe('Phone edit');
    expect((await laptop.db.posts.get(postId))?.body).toBe('Laptop edit');
    expect((await laptop.db.posts.get(postId))?.local).toBe('conflict');

    // The user keeps theirs: it goes out over the phone's version.
    await keepMine(laptop.db, item?.seq ?? 0);
    laptop.engine.trigger();
    await expect.poll(() => laptop.db.outbox.count(), { timeout: 15_000 }).toBe(0);
    await expect.poll(async () => (await phone.db.posts.get(postId))?.body, { timeout: 15_000 }).toBe('Laptop edit');
  });

  it('can also take the server version in a conflict', async () => {
    const { b, postId } = await conflictOnOnePost();
    await takeTheirs(b.db, (await b.db.outbox.toArray())[0]?.seq ?? 0);
    expect(await b.db.outbox.count()).toBe(0);
    expect((await b.db.posts.get(postId))?.body).toBe('A wins');
  });

  it('takes the server’s newest version when another edit came after the conflict', async () => {
    const { a, b, postId } = await conflictOnOnePost();

    // While B has not chosen yet, A edits again, and B's next pull brings that newer version.
    const seen = (await a.db.posts.get(postId))?.version ?? 0;
    await enqueueWrites(a.db, [{ name: 'post.update', args: { id: postId, body: 'A again' }, baseVersion: seen }]);
    a.engine.trigger();
    await a.settle((s) => s.phase === 'idle' && s.pushed >= 3);
    const newest = (await a.db.posts.get(postId))?.version ?? 0;
    expect(newest).toBeGreaterThan(seen);
    b.engine.trigger();
    await expect.poll(async () => (await b.db.outbox.toArray())[0]?.current?.version, { timeout: 15_000 }).toBe(newest);
    // B's own version is still what B sees, marked as a conflict.
    expect(await b.db.posts.get(postId)).toMatchObject({ body: 'B loses', local: 'conflict' });

    await takeTheirs(b.db, (await b.db.outbox.toArray())[0]?.seq ?? 0);
    expect(await b.db.posts.get(postId)).toMatchObject({ body: 'A again', version: newest });
    expect((await b.db.posts.get(postId))?.local).toBeUndefined();
  });

  it('takes the server’s newest version for each of two conflicting edits of one item, in either order', async () => {
    const { a, b, postId } = await conflictOnOnePost();
    // B made a second edit of the post on top of its first: both are in conflict with A's version.
    const base = (await b.db.outbox.toArray())[0]?.baseVersion ?? 0;
    await enqueueWrites(b.db, [{ name: 'post.update', args: { id: postId, body: 'B again' }, baseVersion: base }]);
    b.engine.trigger();
    await expect
      .poll(async () => await b.db.outbox.where('status').equals('conflict').count(), { timeout: 15_000 })
      .toBe(2);

    // A edits again before B chooses; B's next pull brings it: "theirs" is that version, for both edits.
    const seen = (await a.db.posts.get(postId))?.version ?? 0;
    await enqueueWrites(a.db, [{ name: 'post.update', args: { id: postId, body: 'A again' }, baseVersion: seen }]);
    a.engine.trigger();
    await a.settle((s) => s.phase === 'idle' && s.pushed >= 3);
    const newest = (await a.db.posts.get(postId))?.version ?? 0;
    b.engine.trigger();
    await expect
      .poll(async () => (await b.db.outbox.toArray()).map((item) => item.current?.version), { timeout: 15_000 })
      .toEqual([newest, newest]);

    // Taking theirs for the first, then for the second, leaves the newest version, not the one of the refusal.
    const [first, second] = await b.db.outbox.orderBy('seq').toArray();
    await takeTheirs(b.db, first?.seq ?? 0);
    await takeTheirs(b.db, second?.seq ?? 0);
    expect(await b.db.outbox.count()).toBe(0);
    expect(await b.db.posts.get(postId)).toMatchObject({ body: 'A again', version: newest });
  });

  it('does not bring back an item the server deleted after the conflict when the user takes theirs', async () => {
    const { a, b, postId } = await conflictOnOnePost();

    // Before B chooses, A deletes the post, and B's next pull brings the deletion.
    await enqueueWrites(a.db, [{ name: 'post.delete', args: { id: postId } }]);
    a.engine.trigger();
    await a.settle((s) => s.phase === 'idle' && s.pushed >= 3);
    b.engine.trigger();
    await expect.poll(async () => (await b.db.outbox.toArray())[0]?.current?.deleted, { timeout: 15_000 }).toBe(true);

    await takeTheirs(b.db, (await b.db.outbox.toArray())[0]?.seq ?? 0);
    expect(await b.db.outbox.count()).toBe(0);
    expect(await b.db.posts.get(postId)).toBeUndefined();
  });

  it('turns a refused write back into an editable draft with its reason', async () => {
    const moderator = await client();
    await signInAndSync(moderator, 'moderator@example.org');
    const participant = await client();
    await signInAndSync(participant, 'participant@example.org');
    const threadId = await openThread(participant);

    // The participant writes offline while a moderator locks the thread.
    await participant.engine.stop();
    const replyId = newId();
    await enqueueWrites(participant.db, [
      {
        name: 'post.create',
        args: { id: replyId, threadId, body: 'Ma réponse, écrite dans le train.', language: 'fr' },
      },
    ]);
    await enqueueWrites(moderator.db, [{ name: 'thread.lock', args: { id: threadId, locked: true } }]);
    moderator.engine.trigger();
    await moderator.settle((s) => s.phase === 'idle' && s.pushed >= 1);

    participant.engine.start();
    await participant.settle((s) => s.phase === 'idle' && s.rejected === 1);
    const [draft] = await participant.db.drafts.toArray();
    expect(draft?.fields['body']).toBe('Ma réponse, écrite dans le train.');
    expect(draft?.rejection?.code).toBe('thread-locked');
    expect(draft?.targetId).toBe(threadId);
    expect(await participant.db.outbox.count()).toBe(0);
    expect(await participant.db.posts.get(replyId)).toBeUndefined();
  });
});
