import { describe, expect, it } from 'vitest';
import type { CachedTranslation } from '../../../src/renderer/src/data/db';
import { newId } from '../../../src/renderer/src/data/ids';
import { draftKeys } from '../../../src/renderer/src/data/drafts';
import { enqueueWrites, keepMine, takeTheirs } from '../../../src/renderer/src/data/outbox';
import { signInAndSync, type FetchWrapper, type SyncClient, useSyncTestbed } from '../../support/sync-client';

/**
 * A reader's translation is a write like any other: made offline on one
 * computer, shown there at once, sent when the server is reachable again,
 * and read on another computer; deleting the original takes it away there.
 */
const testbed = useSyncTestbed();

function client(wrapFetch?: FetchWrapper): Promise<SyncClient> {
  return testbed.client(wrapFetch ? { wrapFetch } : {});
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
    const news = await laptop.db.news
      .filter((item) => item.versions.en !== undefined && item.versions.pt === undefined)
      .first();
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
    // Meanwhile the translator starts another translation of the same item, not saved yet.
    const editorKey = draftKeys.translation('news', news.id);
    await laptop.db.drafts.put({
      key: editorKey,
      kind: 'translation',
      targetId: news.id,
      fields: { language: 'it', title: 'Notizia', body: 'Il mio testo, non ancora salvato.' },
      updatedAt: new Date().toISOString(),
    });
    laptop.engine.start();
    await laptop.settle((s) => s.phase === 'idle' && s.rejected === 1);
    // The refusal does not replace the text in the editor.
    expect(await laptop.db.drafts.get(editorKey)).toMatchObject({
      fields: { language: 'it', title: 'Notizia', body: 'Il mio testo, non ancora salvato.' },
    });
    expect((await laptop.db.drafts.get(editorKey))?.rejection).toBeUndefined();
    expect((await laptop.db.translations.get(first))?.local).toBeUndefined();
    expect(await laptop.db.translations.get(second)).toBeUndefined();
    const [draft, ...more] = await laptop.db.drafts
      .where('key')
      .startsWith(draftKeys.refusedTranslationPrefix('news', news.id))
      .toArray();
    expect(more).toEqual([]);
    expect(draft).toMatchObject({
      kind: 'translation',
      targetId: news.id,
      fields: { targetType: 'news', language: 'pt', title: 'Outra', body: 'Segunda.' },
      rejection: { code: 'translation-exists', mutationName: 'translation.create' },
    });
  });

  it('an edit based on an older version is a conflict: both kept, and the translator keeps theirs', async () => {
    const { translator, moderator, translation } = await translatedByParticipant('el', 0);
    const base = translation.version;

    // The translator edits offline; a moderator corrects the same translation meanwhile.
    await translator.engine.stop();
    await enqueueWrites(translator.db, [
      {
        name: 'translation.update',
        args: { id: translation.id, title: '번역', body: '번역가의 수정.' },
        baseVersion: base,
      },
    ]);
    await enqueueWrites(moderator.db, [
      {
        name: 'translation.update',
        args: { id: translation.id, body: 'Correction du modérateur.' },
        baseVersion: base,
      },
    ]);
    moderator.engine.trigger();
    await expect.poll(() => moderator.db.outbox.count(), { timeout: 15_000 }).toBe(0);

    translator.engine.start();
    await translator.settle((s) => s.phase === 'idle' && s.conflicts === 1);
    const [item, ...rest] = await translator.db.outbox.toArray();
    expect(rest).toEqual([]);
    expect(item).toMatchObject({ status: 'conflict', name: 'translation.update', entityId: translation.id });
    expect(item?.current?.data).toMatchObject({ body: 'Correction du modérateur.' });
    // Mine stays on screen, marked, until the translator chooses; the server still has the moderator's.
    expect(await translator.db.translations.get(translation.id)).toMatchObject({
      body: '번역가의 수정.',
      local: 'conflict',
    });
    expect(await serverBody(moderator, translation.id)).toBe('Correction du modérateur.');

    await keepMine(translator.db, item?.seq ?? 0);
    translator.engine.trigger();
    await expect.poll(() => translator.db.outbox.count(), { timeout: 15_000 }).toBe(0);
    await expect.poll(() => serverBody(moderator, translation.id), { timeout: 15_000 }).toBe('번역가의 수정.');
    await expect
      .poll(async () => (await translator.db.translations.get(translation.id))?.local, { timeout: 15_000 })
      .toBeUndefined();
  });

  it('a conflict can also be settled by taking the server’s version', async () => {
    const { translator, moderator, translation } = await translatedByParticipant('tr', 1);
    const base = translation.version;
    await translator.engine.stop();
    await enqueueWrites(moderator.db, [
      { name: 'translation.update', args: { id: translation.id, body: 'نص المشرف.' }, baseVersion: base },
    ]);
    moderator.engine.trigger();
    await expect.poll(() => moderator.db.outbox.count(), { timeout: 15_000 }).toBe(0);
    await enqueueWrites(translator.db, [
      { name: 'translation.update', args: { id: translation.id, body: 'نص المترجم.' }, baseVersion: base },
    ]);
    translator.engine.start();
    await translator.settle((s) => s.phase === 'idle' && s.conflicts === 1);
    const [item] = await translator.db.outbox.toArray();

    await takeTheirs(translator.db, item?.seq ?? 0);
    expect(await translator.db.outbox.count()).toBe(0);
    expect(await translator.db.translations.get(translation.id)).toMatchObject({
      body: 'نص المشرف.',
      local: undefined,
    });
    // Nothing of the translator's edit goes out afterwards.
    translator.engine.trigger();
    await translator.settle((s) => s.phase === 'idle');
    expect(await serverBody(moderator, translation.id)).toBe('نص المشرف.');
  });

  it('two edits in a row by the same translator both go out, without a conflict with themselves', async () => {
    const { translator, moderator, translation } = await translatedByParticipant('it', 2);
    await translator.engine.stop();
    for (const body of ['Prima correzione.', 'Seconda correzione.']) {
      await enqueueWrites(translator.db, [
        { name: 'translation.update', args: { id: translation.id, body }, baseVersion: translation.version },
      ]);
    }
    translator.engine.start();
    await expect.poll(() => translator.db.outbox.count(), { timeout: 15_000 }).toBe(0);
    expect(translator.engine.current().conflicts).toBe(0);
    await expect.poll(() => serverBody(moderator, translation.id), { timeout: 15_000 }).toBe('Seconda correzione.');
  });

  it('an edit laid over a pulled change still conflicts instead of overwriting it', async () => {
    const { translator, moderator, translation } = await translatedByParticipant('ja', 3);
    const base = translation.version;
    await translator.engine.stop();
    await enqueueWrites(translator.db, [
      { name: 'translation.update', args: { id: translation.id, body: '最初の修正。' }, baseVersion: base },
    ]);
    // A pull brought someone else's newer version under the pending text (as apply-page + reapply do).
    await translator.db.translations.update(translation.id, { version: base + 1 });
    await enqueueWrites(translator.db, [
      { name: 'translation.update', args: { id: translation.id, body: '二番目の修正。' }, baseVersion: base + 1 },
    ]);
    const second = (await translator.db.outbox.orderBy('seq').toArray())[1];
    expect(second?.baseVersion).toBe(base);

    await enqueueWrites(moderator.db, [
      { name: 'translation.update', args: { id: translation.id, body: 'Moderator’s version.' }, baseVersion: base },
    ]);
    moderator.engine.trigger();
    await expect.poll(() => moderator.db.outbox.count(), { timeout: 15_000 }).toBe(0);
    translator.engine.start();
    await translator.settle((s) => s.phase === 'idle' && s.conflicts === 2);
    expect(await serverBody(moderator, translation.id)).toBe('Moderator’s version.');
  });
});

/**
 * A participant's fresh translation of an English news item (one item per
 * test, so tests do not meet), synced to the participant and to a moderator.
 */
async function translatedByParticipant(
  language: CachedTranslation['language'],
  index: number,
): Promise<{ translator: SyncClient; moderator: SyncClient; translation: CachedTranslation }> {
  const translator = await client();
  await signInAndSync(translator, 'participant@example.org');
  const items = await translator.db.news.filter((item) => item.versions.en !== undefined).sortBy('id');
  const news = items[index];
  if (news === undefined) throw new Error(`no English news #${index} in the demo`);
  const id = newId();
  await enqueueWrites(translator.db, [
    {
      name: 'translation.create',
      args: {
        id,
        targetType: 'news',
        targetId: news.id,
        language,
        title: `${language} title`,
        body: `${language} body`,
      },
    },
  ]);
  translator.engine.trigger();
  await expect
    .poll(async () => (await translator.db.translations.get(id))?.version ?? 0, { timeout: 15_000 })
    .toBeGreaterThan(0);
  const moderator = await client();
  await signInAndSync(moderator, 'moderator@example.org');
  const translation = await moderator.db.translations.get(id);
  if (translation === undefined) throw new Error('the moderator did not receive the translation');
  expect((await translator.db.translations.get(id))?.version).toBe(translation.version);
  return { translator, moderator, translation };
}

/** The translation's body as the server has it now (read through the moderator's sync). */
async function serverBody(reader: SyncClient, id: string): Promise<string | undefined> {
  const before = reader.engine.current().lastSuccessAt;
  reader.engine.trigger();
  await reader.settle((s) => s.phase === 'idle' && s.lastSuccessAt !== before);
  return (await reader.db.translations.get(id))?.body;
}

describe('translation requests through sync', () => {
  it('a request is asked offline, seen by a translator, and the requester sees who fulfilled it', async () => {
    const network = cuttable();
    const reader = await client(network.wrap);
    await signInAndSync(reader, 'participant@example.org'); // reads French, then English
    const translator = await client();
    await signInAndSync(translator, 'moderator@example.org'); // reads English and Portuguese
    // A post in a language the reader does not read, with no translation into French yet.
    const candidates = await reader.db.posts.filter((post) => post.language === 'pt' && !post.hidden).toArray();
    let original: (typeof candidates)[number] | undefined;
    for (const candidate of candidates) {
      const french = await reader.db.translations
        .where('[targetType+targetId]')
        .equals(['post', candidate.id])
        .filter((translation) => translation.language === 'fr')
        .count();
      if (french === 0) original = candidate;
    }
    if (original === undefined) throw new Error('no Portuguese post without a French translation in the demo');

    network.cut(true);
    const requestId = newId();
    await enqueueWrites(reader.db, [
      {
        name: 'translationRequest.create',
        args: { id: requestId, targetType: 'post', targetId: original.id, language: 'fr' },
      },
    ]);
    // Shown at once, waiting: the reader's own view of the post says so.
    expect(await reader.db.translationRequests.get(requestId)).toMatchObject({ version: 0, fulfilledBy: null });
    network.cut(false);
    reader.engine.trigger();
    await reader.settle((status) => status.phase === 'idle' && status.pushed >= 1);

    translator.engine.trigger();
    await expect.poll(async () => (await translator.db.translationRequests.get(requestId))?.language).toBe('fr');
    const translationId = newId();
    await enqueueWrites(translator.db, [
      {
        name: 'translation.create',
        args: {
          id: translationId,
          targetType: 'post',
          targetId: original.id,
          language: 'fr',
          body: 'Traduit sur demande.',
        },
      },
    ]);
    translator.engine.trigger();
    await translator.settle((status) => status.phase === 'idle' && status.pushed >= 1);

    reader.engine.trigger();
    await expect
      .poll(async () => (await reader.db.translationRequests.get(requestId))?.fulfilledBy)
      .toBe(translationId);
    expect((await reader.db.translations.get(translationId))?.body).toBe('Traduit sur demande.');
  });
});
