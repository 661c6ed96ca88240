import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CachedTranslation } from '../../../src/renderer/src/data/db';
import { ThreadScreen } from '../../../src/renderer/src/features/forum/ThreadScreen';
import {
  at,
  createHarness,
  makePosts,
  MEMBERS,
  seedForum,
  SENTENCES,
  SETTINGS,
  stubScrollerHeight,
  THREAD,
  type Harness,
} from './harness';

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
    expect(item?.args['title']).toBeUndefined();
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
});
