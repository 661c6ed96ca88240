import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueWrites, newId, translationDraftKey } from '../../../src/renderer/src/data/outbox';
import { makeTempDir } from '../../support/temp-dir';
import { startTestServer, type TestServer } from '../../support/server';
import { signInAndSync, startSyncClient, type FetchWrapper, type SyncClient } from '../../support/sync-client';

/**
 * A reader's translation is a write like any other: made offline on one
 * computer, shown there at once, sent when the server is reachable again,
 * and read on another computer; deleting the original takes it away there.
 */
let server: TestServer;
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  await server.close();
});

async function client(wrapFetch?: FetchWrapper): Promise<SyncClient> {
  const { dir, cleanup } = await makeTempDir('cb-client-');
  const created = await startSyncClient({
    profileDir: dir,
    serverUrl: server.server.url,
    ...(wrapFetch ? { wrapFetch } : {}),
  });
  cleanups.push(cleanup, () => created.close());
  return created;
}

/** A network that can be cut: every request fails at once, as fetch does offline. */
function cuttable(): { wrap: FetchWrapper; cut: (value: boolean) => void; attempts: () => number } {
  let offline = false;
  let attempts = 0;
  return {
    wrap: (real) => async (input, init) => {
      if (offline) {
        attempts += 1;
        throw new TypeError('Failed to fetch');
      }
      return real(input, init);
    },
    cut: (value) => {
      offline = value;
    },
    attempts: () => attempts,
  };
}

describe('translations through sync', () => {
  it('go out from an offline laptop when it is back online and show on another computer', async () => {
    const network = cuttable();
    const laptop = await client(network.wrap);
    await signInAndSync(laptop, 'participant@example.org');
    const spanish = await laptop.db.posts.filter((post) => post.language === 'es' && !post.hidden).first();
    if (spanish === undefined) throw new Error('no Spanish post in the demo');

    network.cut(true);
    const id = newId();
    const body = 'Les études de cas par pays incluent le Costa Rica et le Nicaragua.';
    await enqueueWrites(laptop.db, [
      { name: 'translation.create', args: { id, targetType: 'post', targetId: spanish.id, language: 'fr', body } },
    ]);
    // Shown at once, waiting, linked to its original.
    const local = await laptop.db.translations.get(id);
    expect(local).toMatchObject({ local: 'pending', version: 0, targetId: spanish.id, language: 'fr', body });
    expect(await laptop.db.translations.where('[targetType+targetId]').equals(['post', spanish.id]).count()).toBe(1);
    laptop.engine.trigger();
    await laptop.settle((s) => s.error !== null && network.attempts() > 0);
    expect(await laptop.db.outbox.count()).toBe(1);
    expect((await laptop.db.translations.get(id))?.local).toBe('pending');

    network.cut(false);
    laptop.engine.trigger();
    await laptop.settle((s) => s.phase === 'idle' && s.pushed >= 1);
    expect(await laptop.db.outbox.count()).toBe(0);
    const sent = await laptop.db.translations.get(id);
    expect(sent?.local).toBeUndefined();
    expect(sent?.version).toBeGreaterThanOrEqual(1);

    const desktop = await client();
    await signInAndSync(desktop, 'moderator@example.org');
    const received = await desktop.db.translations.get(id);
    expect(received).toMatchObject({ targetType: 'post', targetId: spanish.id, language: 'fr', body, title: null });
    const translator = await desktop.db.users.get(received?.authorId ?? '');
    expect(translator?.displayName).toBe('Demo Participant');

    // The moderator deletes the original: its translation leaves the laptop too.
    await enqueueWrites(desktop.db, [{ name: 'post.delete', args: { id: spanish.id }, baseVersion: spanish.version }]);
    desktop.engine.trigger();
    await desktop.settle((s) => s.phase === 'idle' && s.pushed >= 1);
    laptop.engine.trigger();
    await laptop.settle((s) => s.phase === 'idle' && s.pulledChanges > 0);
    await expect.poll(async () => laptop.db.translations.get(id), { timeout: 10_000 }).toBeUndefined();
    expect(await laptop.db.posts.get(spanish.id)).toBeUndefined();
  });

  it('come back as an editable draft with the reason when the server refuses one', async () => {
    const laptop = await client();
    await signInAndSync(laptop, 'facilitator@example.org');
    const news = await laptop.db.news.filter((item) => item.language === 'en').first();
    if (news === undefined) throw new Error('no English news in the demo');
    await laptop.engine.stop();
    const first = newId();
    const second = newId();
    await enqueueWrites(laptop.db, [
      {
        name: 'translation.create',
        args: { id: first, targetType: 'news', targetId: news.id, language: 'pt', title: 'Notícia', body: 'Primeira.' },
      },
    ]);
    await enqueueWrites(laptop.db, [
      {
        name: 'translation.create',
        args: { id: second, targetType: 'news', targetId: news.id, language: 'pt', title: 'Outra', body: 'Segunda.' },
      },
    ]);
    laptop.engine.start();
    await laptop.settle((s) => s.phase === 'idle' && s.rejected === 1);
    expect((await laptop.db.translations.get(first))?.local).toBeUndefined();
    expect(await laptop.db.translations.get(second)).toBeUndefined();
    const draft = await laptop.db.drafts.get(translationDraftKey('news', news.id));
    expect(draft).toMatchObject({
      kind: 'translation',
      targetId: news.id,
      fields: { targetType: 'news', language: 'pt', title: 'Outra', body: 'Segunda.' },
      rejection: { code: 'translation-exists', mutationName: 'translation.create' },
    });
  });
});
