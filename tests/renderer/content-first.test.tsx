import { render, screen, waitFor } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../src/renderer/src/app/App';
import { afterFirstContent } from '../../src/renderer/src/app/first-content';
import { useUiStore } from '../../src/renderer/src/app/ui-store';
import { createI18n } from '../../src/renderer/src/i18n';
import { startInProcessApp } from '../support/in-process';
import { writeSignedInProfile } from '../support/signed-in-profile';
import { makeTempDir } from '../support/temp-dir';

let dir: string;
let cleanupDir: () => Promise<void>;

beforeEach(async () => {
  ({ dir, cleanup: cleanupDir } = await makeTempDir());
  useUiStore.setState({ route: { name: 'home' }, history: [] });
});
afterEach(() => cleanupDir());

describe('content first', () => {
  it('the home screen says when it shows the cache, and the search index opens only after that', async () => {
    // Registered before the app mounts, so it runs before the search field's own wait for the same moment.
    const seen: { home: boolean; searchOpened: boolean }[] = [];
    afterFirstContent(() => {
      seen.push({
        home: screen.queryByRole('heading', { level: 1, name: /Welcome/u }) !== null,
        searchOpened: performance.getEntriesByName('cb:search-open').length > 0,
      });
    }, 60_000);
    await writeSignedInProfile(dir);
    const { api } = await startInProcessApp(dir, ['en-US'], { offline: true });
    const i18n = await createI18n('en');
    render(
      <I18nextProvider i18n={i18n}>
        <App api={api} />
      </I18nextProvider>,
    );
    await waitFor(() => expect(seen).toEqual([{ home: true, searchOpened: false }]));
    // Then the index opens (the empty cache's index is built at once).
    await waitFor(() => expect(performance.getEntriesByName('cb:search-open').length).toBe(1));
  });
});
