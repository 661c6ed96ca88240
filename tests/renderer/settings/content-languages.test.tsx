import { newsRow } from '../../support/news-rows';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { AcademyScreen } from '../../../src/renderer/src/features/academy/AcademyScreen';
import { NewsScreen } from '../../../src/renderer/src/features/news/NewsScreen';
import { SettingsScreen } from '../../../src/renderer/src/features/settings/SettingsScreen';
import type { Settings } from '../../../src/shared/settings';
import { createHarness, ME, SETTINGS, type Harness } from '../forum/harness';

/** This computer's settings say English only; the user's profile on the server says French, then English. */
const LOCAL: Settings = { ...SETTINGS, contentLanguages: ['en'] };
const PROFILE = ['fr', 'en'] as const;

const COLLECTION = '6f1d1e2a-8c3b-4d5e-9f00-0000000000d1';
const NEWS = '6f1d1e2a-8c3b-4d5e-9f00-0000000000e1';
const NEWS_FR = '6f1d1e2a-8c3b-4d5e-9f00-0000000000e2';

let harness: Harness;

afterEach(async () => {
  await harness.cleanup();
});

async function seedContent(profileCached: boolean): Promise<void> {
  const { db } = harness;
  // Who is signed in, as the app's DataProvider records it.
  await db.syncMeta.put({ key: 'userId', value: ME });
  if (profileCached) {
    await db.users.put({
      id: ME,
      displayName: 'Sam Taylor',
      roles: ['participant'],
      editions: [],
      contentLanguages: [...PROFILE],
      version: 3,
    });
  }
  await db.collections.put({
    id: COLLECTION,
    title: {
      en: 'Solidarity economy basics',
      fr: 'Les bases de l’économie solidaire',
      es: 'Fundamentos de la economía solidaria',
    },
    description: null,
    edition: null,
    position: 0,
    editionYear: null,
    version: 1,
  });
  await db.news.put(
    newsRow({
      id: NEWS_FR,
      language: 'fr',
      title: 'L’Académie ouvre ses inscriptions',
      body: 'Les inscriptions sont ouvertes.',
      publishedAt: '2026-03-02T09:00:00.000Z',
      version: 1,
    }),
  );
  await db.news.put(
    newsRow({
      id: NEWS,
      language: 'es',
      title: 'Convocatoria de la Academia',
      body: 'La Academia abre su convocatoria.',
      publishedAt: '2026-03-01T09:00:00.000Z',
      version: 1,
    }),
  );
}

/** The content-language list Settings shows, in order. */
function listedLanguages(): string[] {
  const group = screen.getByRole('group', { name: 'Content languages' });
  return within(group)
    .getAllByRole('listitem')
    .map((item) => item.querySelector('span')?.textContent ?? '');
}

describe('the content languages (issue 17, item 12)', () => {
  it('Settings shows the list the screens use: the profile’s, not this computer’s English only', async () => {
    harness = await createHarness(['participant'], [...PROFILE]);
    await seedContent(true);
    await harness.show(
      <>
        <SettingsScreen settings={LOCAL} />
        <AcademyScreen settings={LOCAL} />
      </>,
    );
    await screen.findByText('Les bases de l’économie solidaire');
    await waitFor(() => expect(listedLanguages()).toEqual(['French', 'English']));
  });

  it('putting Spanish first applies on every screen at once, and is saved on the profile and on this computer', async () => {
    harness = await createHarness(['participant'], [...PROFILE]);
    await seedContent(true);
    await harness.show(
      <>
        <SettingsScreen settings={LOCAL} />
        <AcademyScreen settings={LOCAL} />
        <NewsScreen settings={LOCAL} />
      </>,
    );
    await screen.findByText('Les bases de l’économie solidaire');
    // Spanish news are among the others while the user does not read Spanish.
    expect((await screen.findByRole('heading', { name: 'In other languages' })).textContent).toBeTruthy();

    fireEvent.change(screen.getByLabelText('Add a language'), { target: { value: 'es' } });
    await waitFor(() => expect(listedLanguages()).toEqual(['French', 'English', 'Spanish']));
    act(() => screen.getByRole('button', { name: 'Move Spanish up' }).click());
    await waitFor(() => expect(listedLanguages()).toEqual(['French', 'Spanish', 'English']));
    act(() => screen.getByRole('button', { name: 'Move Spanish up' }).click());
    await waitFor(() => expect(listedLanguages()).toEqual(['Spanish', 'French', 'English']));

    // The Academy and the news follow, without leaving the screen.
    await screen.findByText('Fundamentos de la economía solidaria');
    expect(screen.queryByText('Les bases de l’économie solidaire')).toBeNull();
    await waitFor(() => expect(screen.queryByRole('heading', { name: 'In other languages' })).toBeNull());

    // On the profile (an outbox write, sent when online; shown at once on the cached profile)…
    const writes = await harness.db.outbox.orderBy('seq').toArray();
    expect(writes.at(-1)).toMatchObject({
      name: 'profile.update',
      args: { contentLanguages: ['es', 'fr', 'en'] },
      entityType: 'user',
      entityId: ME,
    });
    expect((await harness.db.users.get(ME))?.contentLanguages).toEqual(['es', 'fr', 'en']);
    // …and on this computer, the list when signed out.
    await expect
      .poll(async () => {
        const local = await harness.api.settings.get();
        return local.ok ? local.value.contentLanguages : [];
      })
      .toEqual(['es', 'fr', 'en']);
  });

  it('a change applies at once even before the first sync has brought the profile', async () => {
    harness = await createHarness(['participant'], [...PROFILE]);
    await seedContent(false);
    await harness.show(
      <>
        <SettingsScreen settings={LOCAL} />
        <AcademyScreen settings={LOCAL} />
      </>,
    );
    // The profile as the server gave it at sign-in.
    await screen.findByText('Les bases de l’économie solidaire');
    await waitFor(() => expect(listedLanguages()).toEqual(['French', 'English']));
    act(() => screen.getByRole('button', { name: 'Remove French' }).click());
    await waitFor(() => expect(listedLanguages()).toEqual(['English']));
    await screen.findByText('Solidarity economy basics');
    expect(await harness.db.outbox.count()).toBe(1);
  });
});
