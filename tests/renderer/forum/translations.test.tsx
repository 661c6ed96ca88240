import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CachedTranslation, OutboxItem } from '../../../src/renderer/src/data/db';
import { newId } from '../../../src/renderer/src/data/ids';
import { draftKeys } from '../../../src/renderer/src/data/drafts';
import { applyPushResults, enqueueWrites } from '../../../src/renderer/src/data/outbox';
import { useUiStore } from '../../../src/renderer/src/app/ui-store';
import { ThreadScreen } from '../../../src/renderer/src/features/forum/ThreadScreen';
import { SyncCenterScreen } from '../../../src/renderer/src/features/sync/SyncCenterScreen';
import {
  at,
  createHarness,
  ME,
  makePosts,
  MEMBERS,
  seedForum,
  SENTENCES,
  SETTINGS,
  stubScrollerHeight,
  THREAD,
  type Harness,
} from './harness';
import { asRecord } from '../../../src/shared/records';

let harness: Harness;
let restoreLayout: () => void;

beforeEach(async () => {
  restoreLayout = stubScrollerHeight();
  // The reader's content languages are English, then French.
  harness = await createHarness();
});
afterEach(async () => {
  restoreLayout();
  await harness.cleanup();
});

const MARIE = MEMBERS[4];

function translationOf(postId: string, language: CachedTranslation['language'], body: string): CachedTranslation {
  return {
    id: `7a1d1e2a-8c3b-4d5e-9f00-${postId.slice(-6)}${language.charCodeAt(0)}${language.charCodeAt(1)}`.slice(0, 36),
    targetType: 'post',
    targetId: postId,
    language,
    title: null,
    body,
    authorId: MARIE.id,
    createdAt: at(30),
    editedAt: null,
    version: 1,
  };
}

async function article(author: string): Promise<HTMLElement> {
  return screen.findByRole('article', { name: `Post by ${author}` });
}

function bodyOf(post: HTMLElement): HTMLElement {
  const body = post.querySelector<HTMLElement>('.forum-markdown');
  if (body?.parentElement === null || body === null) throw new Error('no post body');
  return body.parentElement;
}

describe('translations of posts', () => {
  it('shows a translation into a language the reader prefers, says so, and switches to the original and back', async () => {
    const posts = makePosts(2); // Amina writes in Arabic, Lucía in Spanish.
    const arabic = posts[0];
    if (arabic === undefined) throw new Error('seed');
    await seedForum(harness.db, posts);
    await harness.db.translations.put(translationOf(arabic.id, 'en', `**Amina Haddad** (1): ${SENTENCES.en}`));
    await harness.show(<ThreadScreen threadId={THREAD} settings={SETTINGS} />);

    const post = await article('Amina Haddad');
    await waitFor(() =>
      expect(within(post).getByRole('note').textContent).toContain('Translated from Arabic by Marie Dubois.'),
    );
    expect(bodyOf(post).getAttribute('lang')).toBe('en');
    expect(bodyOf(post).textContent).toContain('All human beings are born free');
    expect(bodyOf(post).textContent).not.toContain('يولد جميع الناس');
    // The translator's name is isolated, so it keeps its own direction inside the sentence.
    expect(within(post).getByText('Marie Dubois').tagName).toBe('BDI');

    act(() => within(post).getByRole('button', { name: 'Show original' }).click());
    await waitFor(() => expect(bodyOf(post).textContent).toContain('يولد جميع الناس'));
    expect(bodyOf(post).getAttribute('lang')).toBe('ar');
    expect(within(post).getByRole('note').textContent).toContain('Original in Arabic');

    act(() => within(post).getByRole('button', { name: 'Show translation' }).click());
    await waitFor(() => expect(bodyOf(post).textContent).toContain('All human beings are born free'));
    expect(within(post).getByRole('button', { name: 'Show original' })).toBeDefined();
  });

  it('keeps the original when the translation is not into a language the reader puts above it', async () => {
    const posts = makePosts(5); // Marie's own post (the 5th) is in French.
    const portuguese = posts[2];
    const french = posts[4];
    if (portuguese === undefined || french === undefined) throw new Error('seed');
    await seedForum(harness.db, posts);
    // Korean is not among the reader's languages; Spanish is not above French for this reader.
    await harness.db.translations.bulkPut([
      translationOf(portuguese.id, 'ko', SENTENCES.ko),
      translationOf(french.id, 'es', SENTENCES.es),
    ]);
    await harness.show(<ThreadScreen threadId={THREAD} settings={SETTINGS} />);
    const joao = await article('João Silva');
    await waitFor(() => expect(bodyOf(joao).textContent).toContain('Todos os seres humanos'));
    expect(bodyOf(joao).getAttribute('lang')).toBe('pt');
    expect(within(joao).queryByRole('note')).toBeNull();
    const marie = await article('Marie Dubois');
    expect(bodyOf(marie).textContent).toContain('Tous les êtres humains');
    expect(within(marie).queryByRole('note')).toBeNull();
  });

  it('writes a translation offline: one translation.create in the outbox, shown at once as the reader’s own', async () => {
    const posts = makePosts(2);
    const spanish = posts[1];
    if (spanish === undefined) throw new Error('seed');
    await seedForum(harness.db, posts);
    await harness.show(<ThreadScreen threadId={THREAD} settings={SETTINGS} />);

    const post = await article('Lucía Fernández');
    act(() => within(post).getByRole('button', { name: 'Translate' }).click());
    const form = await within(post).findByRole('form', { name: 'Translate' });
    const language = within(form).getByLabelText<HTMLSelectElement>('Translate into');
    // The reader's first language that differs from the original's.
    expect(language.value).toBe('en');
    expect(within(form).queryByRole('option', { name: 'Spanish' })).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(language));
    // The original is there for reference, marked with its language.
    const original = within(form).getByRole('region', { name: 'Original (Spanish)' });
    expect(original.textContent).toContain('Todos los seres humanos');
    expect(original.querySelector('[lang="es"]')).not.toBeNull();

    const text = within(form).getByLabelText<HTMLTextAreaElement>('Translated text');
    await waitFor(() => expect(text.disabled).toBe(false));
    expect(text.getAttribute('lang')).toBe('en');
    // An empty translation is not saved.
    act(() => within(form).getByRole('button', { name: 'Save translation' }).click());
    await within(form).findByText('Write the translation before saving.');
    expect(await harness.db.outbox.count()).toBe(0);

    fireEvent.change(text, { target: { value: `Lucía, in English: ${SENTENCES.en}` } });
    act(() => within(form).getByRole('button', { name: 'Save translation' }).click());

    await waitFor(async () => expect(await harness.db.outbox.count()).toBe(1));
    const [item] = await harness.db.outbox.toArray();
    expect(item).toMatchObject({ name: 'translation.create', status: 'pending', entityType: 'translation' });
    expect(item?.args).toMatchObject({
      targetType: 'post',
      targetId: spanish.id,
      language: 'en',
      body: `Lucía, in English: ${SENTENCES.en}`,
    });
    expect(asRecord(item?.args)?.['title']).toBeUndefined();
    const row = await harness.db.translations.get(String(item?.entityId));
    expect(row).toMatchObject({ local: 'pending', version: 0, targetId: spanish.id });

    // The editor closes and the post now reads in English, as the reader's own translation, not sent yet.
    await waitFor(() => expect(within(post).queryByRole('form')).toBeNull());
    await waitFor(() => expect(bodyOf(post).textContent).toContain('Lucía, in English'));
    const note = within(post).getByRole('note');
    expect(note.textContent).toContain('Translated from Spanish by Sam Taylor.');
    expect(note.textContent).toContain('Not sent yet.');

    // Translating again into English edits that translation instead of making a second one.
    act(() => within(post).getByRole('button', { name: 'Translate' }).click());
    const again = await within(post).findByRole('form', { name: 'Edit your translation' });
    const box = within(again).getByLabelText<HTMLTextAreaElement>('Translated text');
    await waitFor(() => expect(box.value).toContain('Lucía, in English'));
    fireEvent.change(box, { target: { value: 'Lucía, better English.' } });
    act(() => within(again).getByRole('button', { name: 'Save changes' }).click());
    await waitFor(async () => expect(await harness.db.outbox.count()).toBe(2));
    const update = (await harness.db.outbox.orderBy('seq').toArray())[1];
    expect(update).toMatchObject({ name: 'translation.update', entityId: item?.entityId });
    expect(update?.args).toEqual({ id: item?.entityId, body: 'Lucía, better English.' });
    await waitFor(() => expect(bodyOf(post).textContent).toContain('Lucía, better English.'));
  });

  it('shows why the server refused a translation, and opens it again for editing', async () => {
    const posts = makePosts(2);
    const spanish = posts[1];
    if (spanish === undefined) throw new Error('seed');
    await seedForum(harness.db, posts);
    await harness.db.drafts.put({
      key: `translation:post:${spanish.id}`,
      kind: 'translation',
      targetId: spanish.id,
      fields: { targetType: 'post', language: 'fr', title: '', body: 'Ma traduction refusée.' },
      updatedAt: at(40),
      rejection: { code: 'translation-exists', mutationName: 'translation.create' },
    });
    await harness.show(<ThreadScreen threadId={THREAD} settings={SETTINGS} />);
    const post = await article('Lucía Fernández');
    await within(post).findByText('Your translation was not accepted: you already translated it into this language.', {
      exact: false,
    });
    act(() => within(post).getByRole('button', { name: 'Edit translation' }).click());
    const form = await within(post).findByRole('form', { name: 'Translate' });
    const text = within(form).getByLabelText<HTMLTextAreaElement>('Translated text');
    await waitFor(() => expect(text.value).toBe('Ma traduction refusée.'));
    expect(within(form).getByLabelText<HTMLSelectElement>('Translate into').value).toBe('fr');
    expect(within(form).getByRole('alert').textContent).toContain('you already translated it into this language');
  });

  it('lists the other translations by their own names, switches to any of them in one click, and back', async () => {
    const posts = makePosts(2);
    const arabic = posts[0];
    if (arabic === undefined) throw new Error('seed');
    await seedForum(harness.db, posts);
    await harness.db.translations.bulkPut([
      translationOf(arabic.id, 'en', `In English: ${SENTENCES.en}`),
      { ...translationOf(arabic.id, 'ko', SENTENCES.ko), authorId: MEMBERS[3].id, createdAt: at(31) },
      { ...translationOf(arabic.id, 'fr', SENTENCES.fr), createdAt: at(32) },
      {
        ...translationOf(arabic.id, 'fr', `Autre version : ${SENTENCES.fr}`),
        id: '7a1d1e2a-8c3b-4d5e-9f00-0000000000f2',
        authorId: MEMBERS[1].id,
        createdAt: at(33),
      },
    ]);
    await harness.show(<ThreadScreen threadId={THREAD} settings={SETTINGS} />);

    const post = await article('Amina Haddad');
    // The default pick is kept: English, the reader's first language.
    await waitFor(() => expect(bodyOf(post).textContent).toContain('In English'));
    const others = within(post).getByRole('group', { name: 'Also in:' });
    const buttons = within(others).getAllByRole('button');
    // The reader's languages first (French, by two translators told apart), then the rest; each in its own name.
    expect(buttons.map((button) => button.textContent)).toEqual([
      'Français by Marie Dubois',
      'Français by Lucía Fernández',
      '한국어',
    ]);
    expect(buttons.map((button) => button.querySelector('[lang]')?.getAttribute('lang'))).toEqual(['fr', 'fr', 'ko']);
    expect(buttons[2]?.getAttribute('title')).toBe('The translation into Korean by 김지은');

    act(() => within(others).getByRole('button', { name: '한국어' }).click());
    await waitFor(() => expect(bodyOf(post).textContent).toContain('모든 인간은'));
    expect(bodyOf(post).getAttribute('lang')).toBe('ko');
    expect(within(post).getByRole('note').textContent).toContain('Translated from Arabic by 김지은.');
    const now = within(within(post).getByRole('group', { name: 'Also in:' })).getAllByRole('button');
    expect(now.map((button) => button.textContent)).toEqual([
      'English',
      'Français by Marie Dubois',
      'Français by Lucía Fernández',
    ]);

    act(() => within(post).getByRole('button', { name: 'Français by Lucía Fernández' }).click());
    await waitFor(() => expect(bodyOf(post).textContent).toContain('Autre version'));
    expect(bodyOf(post).getAttribute('lang')).toBe('fr');
    expect(within(post).getByRole('note').textContent).toContain('by Lucía Fernández');

    // Back to the original in one click, and from there to the default pick.
    act(() => within(post).getByRole('button', { name: 'Show original' }).click());
    await waitFor(() => expect(bodyOf(post).textContent).toContain('يولد جميع الناس'));
    expect(bodyOf(post).getAttribute('lang')).toBe('ar');
    act(() => within(post).getByRole('button', { name: 'Show translation' }).click());
    await waitFor(() => expect(bodyOf(post).textContent).toContain('In English'));
  });

  it('offers translations into languages the reader does not put first, without showing them by default', async () => {
    const posts = makePosts(3);
    const portuguese = posts[2];
    if (portuguese === undefined) throw new Error('seed');
    await seedForum(harness.db, posts);
    await harness.db.translations.put(translationOf(portuguese.id, 'ko', SENTENCES.ko));
    await harness.show(<ThreadScreen threadId={THREAD} settings={SETTINGS} />);
    const post = await article('João Silva');
    const others = await within(post).findByRole('group', { name: 'Also in:' });
    expect(bodyOf(post).getAttribute('lang')).toBe('pt');
    expect(within(post).queryByRole('note')).toBeNull();

    act(() => within(others).getByRole('button', { name: '한국어' }).click());
    await waitFor(() => expect(bodyOf(post).getAttribute('lang')).toBe('ko'));
    expect(within(post).getByRole('note').textContent).toContain('Translated from Portuguese by Marie Dubois.');
    act(() => within(post).getByRole('button', { name: 'Show original' }).click());
    await waitFor(() => expect(bodyOf(post).getAttribute('lang')).toBe('pt'));
    expect(within(post).queryByRole('note')).toBeNull();
  });

  it('picks by the profile’s content languages when signed in, else by this computer’s settings', async () => {
    const posts = makePosts(2);
    const arabic = posts[0];
    if (arabic === undefined) throw new Error('seed');
    const korean: typeof SETTINGS = { ...SETTINGS, contentLanguages: ['ko'] };
    const translations = [
      translationOf(arabic.id, 'en', `In English: ${SENTENCES.en}`),
      { ...translationOf(arabic.id, 'ko', SENTENCES.ko), authorId: MEMBERS[3].id },
    ];
    await seedForum(harness.db, posts);
    await harness.db.translations.bulkPut(translations);
    // The profile says English, then French; the settings of this computer say Korean: the profile wins.
    await harness.show(<ThreadScreen threadId={THREAD} settings={korean} />);
    let post = await article('Amina Haddad');
    await waitFor(() => expect(bodyOf(post).getAttribute('lang')).toBe('en'));

    // A profile without content languages: the settings decide.
    await harness.cleanup();
    harness = await createHarness(['participant'], []);
    await seedForum(harness.db, posts);
    // The cached profile is the user's list too (it follows their changes before the session does).
    await harness.db.users.update(ME, { contentLanguages: [] });
    await harness.db.translations.bulkPut(translations);
    await harness.show(<ThreadScreen threadId={THREAD} settings={korean} />);
    post = await article('Amina Haddad');
    await waitFor(() => expect(bodyOf(post).getAttribute('lang')).toBe('ko'));
  });

  it('sends an edit of one’s translation with the version it was based on', async () => {
    const posts = makePosts(2);
    const spanish = posts[1];
    if (spanish === undefined) throw new Error('seed');
    await seedForum(harness.db, posts);
    const mine = { ...translationOf(spanish.id, 'en', 'My English.'), authorId: ME, version: 3 };
    await harness.db.translations.put(mine);
    await harness.show(<ThreadScreen threadId={THREAD} settings={SETTINGS} />);
    const post = await article('Lucía Fernández');
    act(() => within(post).getByRole('button', { name: 'Translate' }).click());
    const form = await within(post).findByRole('form', { name: 'Edit your translation' });
    const text = within(form).getByLabelText<HTMLTextAreaElement>('Translated text');
    await waitFor(() => expect(text.value).toBe('My English.'));
    fireEvent.change(text, { target: { value: 'My better English.' } });
    act(() => within(form).getByRole('button', { name: 'Save changes' }).click());
    await waitFor(async () => expect(await harness.db.outbox.count()).toBe(1));
    const [item] = await harness.db.outbox.toArray();
    expect(item).toMatchObject({
      name: 'translation.update',
      entityId: mine.id,
      baseVersion: 3,
      args: { id: mine.id, body: 'My better English.' },
    });
  });

  it('shows both versions of a translation in conflict; taking theirs shows the server’s', async () => {
    const { post, mine, item } = await conflictScene();
    const conflict = within(post).getByRole('region', {
      name: 'Someone else changed this translation into English too',
    });
    expect(within(conflict).getByText('Mine, edited offline.').closest('[lang]')?.getAttribute('lang')).toBe('en');
    expect(within(conflict).getByText('Theirs, from a moderator.')).toBeDefined();

    // The editor does not let the reader edit it again before they choose.
    act(() => within(post).getByRole('button', { name: 'Translate' }).click());
    const form = await within(post).findByRole('form', { name: 'Edit your translation' });
    expect(within(form).getByRole('button', { name: 'Save changes' })).toHaveProperty('disabled', true);
    act(() => within(form).getByRole('button', { name: 'Cancel' }).click());

    act(() => within(conflict).getByRole('button', { name: 'Take theirs' }).click());
    await waitFor(async () => expect(await harness.db.outbox.count()).toBe(0));
    expect(await harness.db.translations.get(mine.id)).toMatchObject({
      body: 'Theirs, from a moderator.',
      version: 4,
      local: undefined,
    });
    await waitFor(() => expect(bodyOf(post).textContent).toContain('Theirs, from a moderator.'));
    expect(within(post).queryByRole('region', { name: /changed this translation/u })).toBeNull();
    expect(item.seq).toBeDefined();
  });

  it('is listed in the Sync center, whose Resolve opens the translated post', async () => {
    const { item } = await conflictScene();
    await harness.show(<SyncCenterScreen settings={SETTINGS} />);
    const resolve = await screen.findByRole('button', { name: 'Resolve' });
    act(() => resolve.click());
    const spanish = makePosts(2)[1];
    expect(useUiStore.getState().route).toEqual({ name: 'thread', threadId: THREAD, postId: spanish?.id });
    expect(item.entityType).toBe('translation');
  });

  it('keeping mine sends it again over the server’s current version', async () => {
    const { post, item } = await conflictScene();
    const conflict = within(post).getByRole('region', { name: /changed this translation/u });
    act(() => within(conflict).getByRole('button', { name: 'Keep mine' }).click());
    await waitFor(async () => expect((await harness.db.outbox.get(item.seq ?? 0))?.status).toBe('pending'));
    const again = await harness.db.outbox.get(item.seq ?? 0);
    expect(again?.baseVersion).toBe(4);
    expect(again?.id).not.toBe(item.id);
  });

  it('keeps unsaved editor text when a refusal comes back, and loads the refused text only on request', async () => {
    const posts = makePosts(2);
    const spanish = posts[1];
    if (spanish === undefined) throw new Error('seed');
    await seedForum(harness.db, posts);
    await harness.db.syncMeta.put({ key: 'userId', value: ME });
    await harness.show(<ThreadScreen threadId={THREAD} settings={SETTINGS} />);
    const post = await article('Lucía Fernández');

    // A French translation saved earlier is on its way; the reader is writing an English one.
    const [sent] = await enqueueWrites(harness.db, [
      {
        name: 'translation.create',
        args: { id: newId(), targetType: 'post', targetId: spanish.id, language: 'fr', body: 'Ma traduction.' },
      },
    ]);
    act(() => within(post).getByRole('button', { name: 'Translate' }).click());
    const form = await within(post).findByRole('form', { name: 'Translate' });
    const text = within(form).getByLabelText<HTMLTextAreaElement>('Translated text');
    await waitFor(() => expect(text.disabled).toBe(false));
    fireEvent.change(text, { target: { value: 'My English, not saved yet.' } });

    // The server refuses the French one.
    await applyPushResults(harness.db, [{ id: sent?.id ?? '', status: 'rejected', code: 'translation-exists' }]);
    const notice = await within(form).findByText(
      'Your translation into French was not accepted: you already translated it into this language. The text in the editor is kept.',
    );
    expect(text.value).toBe('My English, not saved yet.');
    await waitFor(async () =>
      expect((await harness.db.drafts.get(draftKeys.translation('post', spanish.id)))?.fields['body']).toBe(
        'My English, not saved yet.',
      ),
    );

    // Loading the refused text asks first, since it replaces what is in the editor.
    const refusedBox = notice.closest('div');
    if (refusedBox === null) throw new Error('no notice box');
    act(() => within(refusedBox).getByRole('button', { name: 'Load the refused text' }).click());
    const dialog = await screen.findByRole('dialog', { name: 'Replace the text in the editor?' });
    act(() => within(dialog).getByRole('button', { name: 'Cancel' }).click());
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(text.value).toBe('My English, not saved yet.');

    act(() => within(refusedBox).getByRole('button', { name: 'Load the refused text' }).click());
    act(() =>
      within(screen.getByRole('dialog', { name: 'Replace the text in the editor?' }))
        .getByRole('button', { name: 'Replace' })
        .click(),
    );
    await waitFor(() => expect(text.value).toBe('Ma traduction.'));
    expect(within(form).getByLabelText<HTMLSelectElement>('Translate into').value).toBe('fr');
    expect(within(form).getByRole('alert').textContent).toContain('Your translation was not accepted');
  });

  it('opens a refused translation in an empty editor, and settles it when saved again', async () => {
    const posts = makePosts(2);
    const spanish = posts[1];
    if (spanish === undefined) throw new Error('seed');
    await seedForum(harness.db, posts);
    const refusedKey = draftKeys.refusedTranslation('post', spanish.id, 'a-refused-write');
    await harness.db.drafts.put({
      key: refusedKey,
      kind: 'translation',
      targetId: spanish.id,
      fields: { targetType: 'post', language: 'pt', title: '', body: 'A minha tradução.' },
      updatedAt: at(40),
      rejection: { code: 'not-found', mutationName: 'translation.create' },
    });
    await harness.show(<ThreadScreen threadId={THREAD} settings={SETTINGS} />);
    const post = await article('Lucía Fernández');
    // The refused draft is read after the post itself: wait for the button it brings.
    const edit = await within(post).findByRole('button', { name: 'Edit translation' });
    act(() => edit.click());
    const form = await within(post).findByRole('form', { name: 'Translate' });
    const text = within(form).getByLabelText<HTMLTextAreaElement>('Translated text');
    await waitFor(() => expect(text.value).toBe('A minha tradução.'));
    expect(within(form).getByLabelText<HTMLSelectElement>('Translate into').value).toBe('pt');
    expect(within(form).queryByRole('button', { name: 'Load the refused text' })).toBeNull();

    act(() => within(form).getByRole('button', { name: 'Save translation' }).click());
    await waitFor(async () => expect(await harness.db.outbox.count()).toBe(1));
    // The drafts go once the write is in the outbox (the editor then settles them).
    await waitFor(async () => {
      expect(await harness.db.drafts.get(refusedKey)).toBeUndefined();
      expect(await harness.db.drafts.get(draftKeys.translation('post', spanish.id))).toBeUndefined();
    });
  });
});

/** The reader's English translation of Lucía's post, edited offline while a moderator changed it: a conflict. */
async function conflictScene(): Promise<{ post: HTMLElement; mine: CachedTranslation; item: OutboxItem }> {
  const posts = makePosts(2);
  const spanish = posts[1];
  if (spanish === undefined) throw new Error('seed');
  await seedForum(harness.db, posts);
  const server = { ...translationOf(spanish.id, 'en', 'The text both started from.'), authorId: ME, version: 3 };
  const mine: CachedTranslation = { ...server, body: 'Mine, edited offline.', local: 'conflict' };
  await harness.db.translations.put(mine);
  const { version: _version, local: _local, ...data } = server;
  const outbox: OutboxItem = {
    id: newId(),
    name: 'translation.update',
    args: { id: mine.id, body: 'Mine, edited offline.' },
    baseVersion: 3,
    status: 'conflict',
    entityType: 'translation',
    entityId: mine.id,
    createdAt: at(50),
    attempts: 1,
    before: server,
    current: {
      type: 'translation',
      id: mine.id,
      version: 4,
      deleted: false,
      data: { ...data, body: 'Theirs, from a moderator.', editedAt: at(45) },
    },
  };
  outbox.seq = await harness.db.outbox.add(outbox);
  await harness.show(<ThreadScreen threadId={THREAD} settings={SETTINGS} />);
  const post = await article('Lucía Fernández');
  await within(post).findByRole('region', { name: /changed this translation/u });
  return { post, mine, item: outbox };
}
