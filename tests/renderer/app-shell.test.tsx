import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../src/renderer/src/app/App';
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

let app: Awaited<ReturnType<typeof startInProcessApp>>;

async function renderApp(systemLanguages: string[], options: { signedIn?: boolean } = {}): Promise<void> {
  if (options.signedIn !== false) await writeSignedInProfile(dir);
  app = await startInProcessApp(dir, systemLanguages, { offline: true });
  const { api } = app;
  const i18n = await createI18n('en');
  render(
    <I18nextProvider i18n={i18n}>
      <App api={api} />
    </I18nextProvider>,
  );
  await screen.findByRole('main');
}

describe('app shell', () => {
  it('asks to sign in first, with the server address from the settings', async () => {
    await renderApp(['en-US'], { signedIn: false });
    expect(screen.getByRole('heading', { level: 1, name: 'Sign in to the Collective Brain' })).toBeDefined();
    expect(screen.getByLabelText<HTMLInputElement>('Email').type).toBe('email');
    expect(screen.getByLabelText<HTMLInputElement>('Password').type).toBe('password');
    expect(screen.getByLabelText<HTMLInputElement>('Server address').value).toBe('http://127.0.0.1:8787');
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeDefined();
  });

  it('says clearly when the server cannot be reached', async () => {
    await renderApp(['en-US'], { signedIn: false });
    fireEvent.change(screen.getByLabelText('Email'), { target: { value: 'participant@example.org' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'collective-brain' } });
    fireEvent.change(screen.getByLabelText('Server address'), { target: { value: 'http://127.0.0.1:9' } });
    fireEvent.submit(screen.getByRole('button', { name: 'Sign in' }).closest('form') as HTMLFormElement);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The server cannot be reached');
  });

  it('has header, navigation and main landmarks and a skip link to main', async () => {
    await renderApp(['en-US']);
    expect(screen.getByRole('banner')).toBeDefined();
    expect(screen.getByRole('navigation', { name: 'Main' })).toBeDefined();
    const main = screen.getByRole('main');
    expect(main.id).toBe('main');
    expect(screen.getByRole('link', { name: 'Skip to main content' }).getAttribute('href')).toBe('#main');
  });

  it('shows the host kind and version from app.info at the foot of the navigation', async () => {
    await renderApp(['en-US']);
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByText('Browser mode')).toBeDefined();
    expect(within(nav).getByText('Version 0.0.0-test')).toBeDefined();
  });

  it('speaks the OS language on first run', async () => {
    await renderApp(['fr-FR']);
    await screen.findByRole('heading', { level: 1, name: 'Bienvenue, Demo Participant' });
    expect(document.documentElement.lang).toBe('fr');
  });

  it('switches language and theme from the settings screen and moves focus to the new heading', async () => {
    await renderApp(['en-US']);
    act(() => screen.getByRole('button', { name: 'Settings' }).click());
    const heading = await screen.findByRole('heading', { level: 1, name: 'Settings' });
    await waitFor(() => expect(document.activeElement).toBe(heading));
    const select = screen.getByLabelText<HTMLSelectElement>('Language of menus and buttons');
    await act(async () => {
      select.value = 'fr';
      select.dispatchEvent(new Event('change', { bubbles: true }));
      await Promise.resolve();
    });
    await screen.findByRole('heading', { level: 1, name: 'Paramètres' });
    act(() => screen.getByLabelText('Sombre').click());
    await waitFor(() => expect(document.documentElement.dataset['theme']).toBe('dark'));
  });

  it('moves focus to the results of a search, and keeps it in the search box for the next query', async () => {
    await renderApp(['en-US']);
    const box = screen.getByRole('searchbox', { name: 'Search everything on this computer' });
    fireEvent.change(box, { target: { value: 'cooperatives' } });
    fireEvent.submit(box.closest('form') as HTMLFormElement);
    const heading = await screen.findByRole('heading', { level: 1, name: 'Search: cooperatives' });
    await waitFor(() => expect(document.activeElement).toBe(heading));

    // Refining the query: the focus stays in the box; the results screen announces its count.
    act(() => box.focus());
    fireEvent.change(box, { target: { value: 'cooperativas' } });
    fireEvent.submit(box.closest('form') as HTMLFormElement);
    await screen.findByRole('heading', { level: 1, name: 'Search: cooperativas' });
    expect(document.activeElement).toBe(box);
  });

  it('goes places with the keyboard, lists the shortcuts under ?, and never acts while typing (issue 17, item 16)', async () => {
    await renderApp(['en-US']);
    await screen.findByRole('heading', { level: 1, name: /^Welcome/u });
    const press = (key: string, target: Element = document.body, init: KeyboardEventInit = {}): void => {
      fireEvent.keyDown(target, { key, ...init });
    };
    press('g');
    press('l');
    await screen.findByRole('heading', { level: 1, name: 'Library' });

    // Typed into the search box, or while an input method composes: text, not commands.
    const box = screen.getByRole('searchbox', { name: 'Search everything on this computer' });
    act(() => box.focus());
    press('g', box);
    press('h', box);
    press('?', box);
    act(() => box.blur());
    press('g', document.body, { isComposing: true });
    press('h', document.body, { isComposing: true });
    press('g', document.body, { ctrlKey: true });
    press('h');
    await Promise.resolve();
    expect(useUiStore.getState().route.name).toBe('library');

    press('/');
    expect(document.activeElement).toBe(box);
    act(() => box.blur());

    press('?');
    const dialog = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(within(dialog).getByText('Next post')).toBeDefined();
    expect(within(dialog).getAllByText('g')).toHaveLength(4);
    // Nothing fires behind an open dialog.
    press('g');
    press('f');
    expect(useUiStore.getState().route.name).toBe('library');
    act(() => within(dialog).getByRole('button', { name: 'Close' }).click());
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    press('g');
    press('f');
    await screen.findByRole('heading', { level: 1, name: 'Forum' });

    // The application menu's commands are the same.
    act(() => app.events.emit('app.command', { id: 'goAcademy' }));
    await screen.findByRole('heading', { level: 1, name: 'Academy' });
    // Back, which has no key of the page's own, and Search, which focuses the header's box.
    act(() => app.events.emit('app.command', { id: 'back' }));
    await screen.findByRole('heading', { level: 1, name: 'Forum' });
    act(() => app.events.emit('app.command', { id: 'search' }));
    expect(document.activeElement?.getAttribute('type')).toBe('search');
  });

  it('tells the user when a corrupt settings file was kept aside', async () => {
    await writeFile(join(dir, 'settings.json'), 'not json at all');
    await renderApp(['en-US']);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('could not be read');
    expect(alert.textContent).toContain(join(dir, 'settings.corrupt-'));
    act(() => within(alert).getByRole('button', { name: 'Dismiss' }).click());
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
  });
});
