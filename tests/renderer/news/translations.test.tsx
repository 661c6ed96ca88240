import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { CollectiveBrainDb } from '../../../src/renderer/src/data/db';
import { NewsItemScreen } from '../../../src/renderer/src/features/news/NewsItemScreen';
import { NewsScreen } from '../../../src/renderer/src/features/news/NewsScreen';
import { OpenRequests } from '../../../src/renderer/src/features/translations/OpenRequests';
import { useUiStore } from '../../../src/renderer/src/app/ui-store';
import { NEWS, seed } from '../library/fixtures';
import { titleOf } from '../../support/news-rows';
import type { SessionStatus } from '../../../src/shared/contract';
import { fakeApi, renderScreen, sessionWith, settings, testDb } from '../library/harness';

const TRANSLATOR = '0b8f4a52-5a34-4c64-9b55-0c8b3f3f0777';
let db: CollectiveBrainDb;

beforeEach(async () => {
  db = testDb();
  await seed(db);
  await db.users.put({
    id: TRANSLATOR,
    displayName: 'Lucía Fernández',
    roles: ['participant'],
    editions: [],
    contentLanguages: ['es'],
    version: 1,
  });
});

function item(index: number): (typeof NEWS)[number] {
  const news = NEWS[index];
  if (news === undefined) throw new Error('fixture');
  return news;
}

describe('translations of news', () => {
  it('shows the title and body in the reader’s language, says who translated it, and shows the original on request', async () => {
    // The reader reads Spanish, then English; this item is in English.
    const english = item(0);
    await db.translations.put({
      id: '0b8f4a52-5a34-4c64-9b55-0c8b3f3f0901',
      targetType: 'news',
      targetId: english.id,
      language: 'es',
      title: 'Convocatoria: Academia ESS 2019',
      body: '¡Postula **ya**!',
      authorId: TRANSLATOR,
      createdAt: '2019-03-02T10:00:00.000Z',
      editedAt: null,
      version: 1,
    });
    const { api } = fakeApi();
    await renderScreen(<NewsItemScreen newsId={english.id} settings={settings} />, { api, db });

    const heading = await screen.findByRole('heading', { level: 1, name: 'Convocatoria: Academia ESS 2019' });
    expect(heading.getAttribute('lang')).toBe('es');
    const body = screen.getByText('ya', { selector: 'strong' }).closest('[lang]');
    expect(body?.getAttribute('lang')).toBe('es');
    expect(screen.getByRole('note').textContent).toContain('Translated from English by Lucía Fernández.');

    act(() => screen.getByRole('button', { name: 'Show original' }).click());
    const original = await screen.findByRole('heading', { level: 1, name: titleOf(english) });
    expect(original.getAttribute('lang')).toBe('en');
    expect(screen.getByText('now', { selector: 'strong' }).closest('[lang]')?.getAttribute('lang')).toBe('en');
    expect(screen.getByRole('note').textContent).toContain('Original in English');

    act(() => screen.getByRole('button', { name: 'Show translation' }).click());
    await screen.findByRole('heading', { level: 1, name: 'Convocatoria: Academia ESS 2019' });
  });

  it('writes a translation with its title offline, and shows it at once', async () => {
    const french = item(2);
    const { api } = fakeApi();
    await renderScreen(<NewsItemScreen newsId={french.id} settings={settings} />, { api, db });
    await screen.findByRole('heading', { level: 1, name: titleOf(french) });

    act(() => screen.getByRole('button', { name: 'Translate' }).click());
    const form = await screen.findByRole('form', { name: 'Translate' });
    const language = within(form).getByLabelText<HTMLSelectElement>('Translate into');
    expect(language.value).toBe('es');
    const title = within(form).getByLabelText<HTMLInputElement>('Translated title');
    await waitFor(() => expect(title.disabled).toBe(false));
    const text = within(form).getByLabelText<HTMLTextAreaElement>('Translated text');
    fireEvent.change(text, { target: { value: 'Gracias a todas y a todos.' } });
    // A news translation needs its title.
    act(() => within(form).getByRole('button', { name: 'Save translation' }).click());
    await within(form).findByText('Translate the title too.');
    expect(await db.outbox.count()).toBe(0);

    fireEvent.change(title, { target: { value: 'Balance de la Academia de Seúl' } });
    expect(title.getAttribute('lang')).toBe('es');
    act(() => within(form).getByRole('button', { name: 'Save translation' }).click());

    await waitFor(async () => expect(await db.outbox.count()).toBe(1));
    const [outbox] = await db.outbox.toArray();
    expect(outbox?.name).toBe('translation.create');
    expect(outbox?.args).toMatchObject({
      targetType: 'news',
      targetId: french.id,
      language: 'es',
      title: 'Balance de la Academia de Seúl',
      body: 'Gracias a todas y a todos.',
    });
    // Spanish comes before French for this reader: the translation is shown at once, marked as not sent.
    const heading = await screen.findByRole('heading', { level: 1, name: 'Balance de la Academia de Seúl' });
    expect(heading.getAttribute('lang')).toBe('es');
    expect(screen.getByRole('note').textContent).toContain('Translated from French by Someone. Not sent yet.');
    expect(screen.queryByRole('form')).toBeNull();
  });

  it('lists a translated item in the reader’s language, among their languages', async () => {
    const french = item(2);
    await db.translations.put({
      id: '0b8f4a52-5a34-4c64-9b55-0c8b3f3f0902',
      targetType: 'news',
      targetId: french.id,
      language: 'es',
      title: 'Balance de la Academia de Seúl',
      body: 'Gracias a todas y a todos.',
      authorId: TRANSLATOR,
      createdAt: '2019-11-03T10:00:00.000Z',
      editedAt: null,
      version: 1,
    });
    const { api } = fakeApi();
    await renderScreen(<NewsScreen settings={settings} />, { api, db });
    const button = await screen.findByRole('button', { name: 'Balance de la Academia de Seúl' });
    expect(button.closest('h2')?.getAttribute('lang')).toBe('es');
    expect(screen.queryByRole('button', { name: titleOf(french) })).toBeNull();
    // Every item is now in one of the reader's languages: one list, no "other languages".
    expect(screen.queryByRole('heading', { name: 'In other languages' })).toBeNull();
    expect(screen.getByText('Translated from French')).toBeDefined();
  });

  describe('choose by the reader’s content languages: the profile’s when signed in, else the settings’', () => {
    const english = (): (typeof NEWS)[number] => item(0);
    const signedIn = sessionWith(['participant']);
    // This reader's profile says French; this computer's settings say Spanish, then English.
    const frenchProfile: SessionStatus = {
      ...signedIn,
      user: { ...(signedIn.user ?? { id: '', email: '', displayName: '', roles: [] }), contentLanguages: ['fr'] },
    };
    const signedOut: SessionStatus = { state: 'signed-out', serverUrl: settings.serverUrl, secretsEncrypted: true };

    beforeEach(async () => {
      await db.translations.bulkPut([
        {
          id: '0b8f4a52-5a34-4c64-9b55-0c8b3f3f0911',
          targetType: 'news',
          targetId: english().id,
          language: 'es',
          title: 'Título en español',
          body: 'Texto en español.',
          authorId: TRANSLATOR,
          createdAt: '2019-03-02T10:00:00.000Z',
          editedAt: null,
          version: 1,
        },
        {
          id: '0b8f4a52-5a34-4c64-9b55-0c8b3f3f0912',
          targetType: 'news',
          targetId: english().id,
          language: 'fr',
          title: 'Titre en français',
          body: 'Texte en français.',
          authorId: TRANSLATOR,
          createdAt: '2019-03-03T10:00:00.000Z',
          editedAt: null,
          version: 1,
        },
      ]);
    });

    it('on the item, the profile wins, and the other translation is one click away', async () => {
      const { api } = fakeApi();
      await renderScreen(<NewsItemScreen newsId={english().id} settings={settings} />, {
        api,
        db,
        session: frenchProfile,
      });
      const heading = await screen.findByRole('heading', { level: 1, name: 'Titre en français' });
      expect(heading.getAttribute('lang')).toBe('fr');
      const others = screen.getByRole('group', { name: 'Also in:' });
      const spanish = within(others).getByRole('button', { name: 'Español' });
      expect(spanish.querySelector('[lang]')?.getAttribute('lang')).toBe('es');
      act(() => spanish.click());
      const switched = await screen.findByRole('heading', { level: 1, name: 'Título en español' });
      expect(switched.getAttribute('lang')).toBe('es');
      expect(screen.getByText('Texto en español.').closest('[lang]')?.getAttribute('lang')).toBe('es');
      act(() => screen.getByRole('button', { name: 'Show original' }).click());
      expect((await screen.findByRole('heading', { level: 1, name: titleOf(english()) })).getAttribute('lang')).toBe(
        'en',
      );
    });

    it('in the list, the profile wins too', async () => {
      const { api } = fakeApi();
      await renderScreen(<NewsScreen settings={settings} />, { api, db, session: frenchProfile });
      await screen.findByRole('button', { name: 'Titre en français' });
      expect(screen.queryByRole('button', { name: 'Título en español' })).toBeNull();
    });

    it('signed out, this computer’s settings decide', async () => {
      const { api } = fakeApi();
      await renderScreen(<NewsScreen settings={settings} />, { api, db, session: signedOut });
      await screen.findByRole('button', { name: 'Título en español' });
      expect(screen.queryByRole('button', { name: 'Titre en français' })).toBeNull();
    });
  });
});

describe('translation requests of news', () => {
  const READER = sessionWith(['participant']).user?.id ?? '';

  it('asks for a news item in one of the reader’s languages, offline, and says the request waits to be sent', async () => {
    const french = item(2);
    // As after a sync: this computer knows who is signed in, and its writes name them.
    await db.syncMeta.put({ key: 'userId', value: READER });
    const { api } = fakeApi();
    await renderScreen(<NewsItemScreen newsId={french.id} settings={settings} />, { api, db });
    await screen.findByRole('heading', { level: 1, name: titleOf(french) });

    const ask = await screen.findByRole('button', { name: 'Ask for a translation' });
    act(() => ask.click());
    const into = await screen.findByLabelText<HTMLSelectElement>('Into');
    expect([...into.options].map((option) => option.value)).toEqual(['es', 'en']);
    act(() => screen.getByRole('button', { name: 'Ask' }).click());

    await waitFor(async () => expect(await db.outbox.count()).toBe(1));
    const [outbox] = await db.outbox.toArray();
    expect(outbox?.name).toBe('translationRequest.create');
    expect(outbox?.args).toMatchObject({ targetType: 'news', targetId: french.id, language: 'es' });
    expect(
      (await screen.findByText('You asked for this in Spanish; your request waits to be sent.')).getAttribute('role'),
    ).toBe('status');
    // Spanish is asked for already: only English is left to ask for.
    act(() => screen.getByRole('button', { name: 'Ask for a translation' }).click());
    expect([...(await screen.findByLabelText<HTMLSelectElement>('Into')).options].map((o) => o.value)).toEqual(['en']);
  });

  it('withdraws the reader’s own open request at once (offline), and lets them ask again', async () => {
    const french = item(2);
    await db.syncMeta.put({ key: 'userId', value: READER });
    const base = { targetType: 'news' as const, targetId: french.id, requesterId: READER, createdAt: french.createdAt };
    await db.translationRequests.bulkPut([
      {
        ...base,
        id: '0b8f4a52-5a34-4c64-9b55-0c8b3f3f0b01',
        language: 'es',
        fulfilledBy: null,
        fulfilledAt: null,
        version: 1,
      },
    ]);
    const { api } = fakeApi();
    await renderScreen(<NewsItemScreen newsId={french.id} settings={settings} />, { api, db });
    await screen.findByText('You asked for this in Spanish: translators can see your request.');

    act(() => screen.getByRole('button', { name: 'Withdraw the request for Spanish' }).click());
    await waitFor(() =>
      expect(screen.queryByText('You asked for this in Spanish: translators can see your request.')).toBeNull(),
    );
    expect(await db.translationRequests.get('0b8f4a52-5a34-4c64-9b55-0c8b3f3f0b01')).toBeUndefined();
    const [outbox] = await db.outbox.toArray();
    expect(outbox?.name).toBe('translationRequest.delete');
    expect(outbox?.args).toEqual({ id: '0b8f4a52-5a34-4c64-9b55-0c8b3f3f0b01' });
    // Spanish may be asked for again.
    act(() => screen.getByRole('button', { name: 'Ask for a translation' }).click());
    expect([...(await screen.findByLabelText<HTMLSelectElement>('Into')).options].map((o) => o.value)).toContain('es');
  });

  it('shows a translator the open requests of news they can fulfil, each opening its item', async () => {
    const english = item(0);
    const request = {
      targetType: 'news' as const,
      targetId: english.id,
      requesterId: TRANSLATOR,
      createdAt: '2019-03-05T10:00:00.000Z',
      fulfilledAt: null,
      version: 1,
    };
    await db.translationRequests.bulkPut([
      { ...request, id: '0b8f4a52-5a34-4c64-9b55-0c8b3f3f0a01', language: 'es', fulfilledBy: null },
      // Fulfilled, the reader's own, or into a language the reader does not write: not for this reader.
      {
        ...request,
        id: '0b8f4a52-5a34-4c64-9b55-0c8b3f3f0a02',
        language: 'es',
        fulfilledBy: '0b8f4a52-5a34-4c64-9b55-0c8b3f3f0a09',
        fulfilledAt: '2019-03-06T10:00:00.000Z',
      },
      {
        ...request,
        id: '0b8f4a52-5a34-4c64-9b55-0c8b3f3f0a03',
        language: 'es',
        requesterId: READER,
        fulfilledBy: null,
      },
      { ...request, id: '0b8f4a52-5a34-4c64-9b55-0c8b3f3f0a04', language: 'fr', fulfilledBy: null },
    ]);
    const { api } = fakeApi();
    await renderScreen(<OpenRequests languages={['es', 'en']} readerId={READER} locale="en" />, { api, db });

    await screen.findByRole('heading', { name: '1 translation request in your languages' });
    expect(screen.getByText('from English into Spanish')).toBeDefined();
    const open = screen.getByRole('button', { name: titleOf(english) });
    expect(open.querySelector('[lang]')?.getAttribute('lang')).toBe('en');
    act(() => open.click());
    expect(useUiStore.getState().route).toEqual({ name: 'news-item', newsId: english.id });
  });
});
