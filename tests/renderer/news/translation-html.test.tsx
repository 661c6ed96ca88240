import { screen } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { CollectiveBrainDb } from '../../../src/renderer/src/data/db';
import { NewsItemScreen } from '../../../src/renderer/src/features/news/NewsItemScreen';
import { NEWS, seed } from '../library/fixtures';
import { fakeApi, renderScreen, settings, testDb } from '../library/harness';

/**
 * A reader's translation of a news item is markdown, never HTML, exactly as a
 * post's is: whoever translates cannot restyle an official item (a banner, a
 * fake notice) for the readers of their language.
 */
const TRANSLATOR = '0b8f4a52-5a34-4c64-9b55-0c8b3f3f0778';
let db: CollectiveBrainDb;

beforeEach(async () => {
  db = testDb();
  await seed(db);
});

describe('a news translation with HTML in it', () => {
  it('shows the HTML as text, while markdown still works', async () => {
    const english = NEWS[0];
    if (english === undefined) throw new Error('fixture');
    await db.translations.put({
      id: '0b8f4a52-5a34-4c64-9b55-0c8b3f3f0911',
      targetType: 'news',
      targetId: english.id,
      language: 'es',
      title: 'Convocatoria',
      body: '<h2 class="banner">AVISO OFICIAL</h2>\n\n<table><tr><td>Envíe su contraseña</td></tr></table>\n\n**Postula** ya.',
      authorId: TRANSLATOR,
      createdAt: '2019-03-02T10:00:00.000Z',
      editedAt: null,
      version: 1,
    });
    const { api } = fakeApi();
    await renderScreen(<NewsItemScreen newsId={english.id} settings={settings} />, { api, db });
    await screen.findByRole('heading', { level: 1, name: 'Convocatoria' });
    const body = document.querySelector('.news-item-body');
    expect(body).not.toBeNull();
    expect(body?.querySelector('h2, table, td')).toBeNull();
    expect(body?.textContent).toContain('<h2 class="banner">AVISO OFICIAL</h2>');
    expect(screen.getByText('Postula', { selector: 'strong' })).toBeDefined();
  });
});
