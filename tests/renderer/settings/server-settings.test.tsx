import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { CollectiveBrainDb } from '../../../src/renderer/src/data/db';
import { newId } from '../../../src/renderer/src/data/ids';
import { enqueueWrites } from '../../../src/renderer/src/data/outbox';
import { SettingsScreen } from '../../../src/renderer/src/features/settings/SettingsScreen';
import { InsecureConnectionHint } from '../../../src/renderer/src/features/shell/InsecureConnectionHint';
import type { SessionStatus } from '../../../src/shared/contract';
import { fakeApi, renderScreen, sessionWith, settings, testDb } from '../library/harness';

/**
 * The Settings screen's side of "a session belongs to its server": moving to
 * another server asks first and says what happens to waiting writes; plain
 * http:// to another computer needs the clearly labelled option, which warns;
 * and "sign out everywhere" asks, then says if it could not happen.
 */
let db: CollectiveBrainDb;
beforeEach(() => {
  db = testDb();
});

const signedIn: SessionStatus = { ...sessionWith(['participant']), account: 'someone' };

function serverField(): HTMLInputElement {
  return screen.getByLabelText<HTMLInputElement>('Server address');
}

describe('changing the server address', () => {
  it('asks first while signed in, says the waiting writes stay for this server, and signs out only on confirmation', async () => {
    await enqueueWrites(db, [
      { name: 'post.create', args: { id: newId(), threadId: newId(), body: 'Waiting', language: 'en' } },
      { name: 'post.create', args: { id: newId(), threadId: newId(), body: 'Waiting too', language: 'en' } },
    ]);
    const { api, calls } = fakeApi({
      'session.changeServer': () => ({
        state: 'signed-out',
        serverUrl: 'https://other.example.org',
        secretsEncrypted: true,
      }),
    });
    await renderScreen(<SettingsScreen settings={settings} />, { api, db, session: signedIn });

    fireEvent.change(serverField(), { target: { value: 'https://other.example.org' } });
    act(() => screen.getByRole('button', { name: 'Save address' }).click());
    const dialog = await screen.findByRole('dialog', { name: 'Sync with another server?' });
    await waitFor(() => expect(dialog.textContent).toContain('The 2 writes waiting to be sent stay on this computer'));
    expect(dialog.textContent).toContain('never to');
    act(() => within(dialog).getByRole('button', { name: 'Cancel' }).click());
    expect(calls.some((call) => call.channel === 'session.changeServer' || call.channel === 'settings.set')).toBe(
      false,
    );

    act(() => screen.getByRole('button', { name: 'Save address' }).click());
    const again = await screen.findByRole('dialog', { name: 'Sync with another server?' });
    act(() => within(again).getByRole('button', { name: 'Sign out and change' }).click());
    await waitFor(() =>
      expect(calls.find((call) => call.channel === 'session.changeServer')?.input).toEqual({
        serverUrl: 'https://other.example.org',
      }),
    );
  });

  it('refuses plain http:// to another computer until the insecure option is on, which warns', async () => {
    const { api, calls } = fakeApi({ 'settings.set': (input) => ({ ...settings, ...(input as object) }) });
    await renderScreen(<SettingsScreen settings={settings} />, { api, db, session: signedIn });
    fireEvent.change(serverField(), { target: { value: 'http://brain.example.org' } });
    act(() => screen.getByRole('button', { name: 'Save address' }).click());
    expect(await screen.findByText(/This address is not encrypted/u)).toBeDefined();
    expect(serverField().getAttribute('aria-invalid')).toBe('true');
    expect(screen.queryByRole('dialog')).toBeNull();

    const option = screen.getByRole('checkbox', { name: /Allow an insecure connection/u });
    act(() => option.click());
    await waitFor(() =>
      expect(calls.find((call) => call.channel === 'settings.set')?.input).toEqual({ allowInsecureHttp: true }),
    );
  });

  it('shows what the insecure option means once on, and a persistent hint while in use', async () => {
    const { api } = fakeApi();
    const insecure = { ...settings, serverUrl: 'http://brain.example.org', allowInsecureHttp: true };
    await renderScreen(
      <>
        <InsecureConnectionHint serverUrl={insecure.serverUrl} />
        <SettingsScreen settings={insecure} />
      </>,
      { api, db, session: { ...signedIn, serverUrl: insecure.serverUrl } },
    );
    expect(screen.getByText(/anyone on the network can read your password/u)).toBeDefined();
    const hint = screen.getAllByRole('note').find((note) => note.textContent.startsWith('Insecure connection'));
    expect(hint?.querySelector('bdi')?.textContent).toBe('http://brain.example.org');
  });

  it('shows no hint for a server on this computer or over https://', async () => {
    const { api } = fakeApi();
    await renderScreen(
      <>
        <InsecureConnectionHint serverUrl="http://127.0.0.1:8787" />
        <InsecureConnectionHint serverUrl="https://brain.example.org" />
      </>,
      { api, db },
    );
    expect(screen.queryByRole('note')).toBeNull();
  });
});

describe('sign out everywhere', () => {
  it('asks, then signs out; if the server cannot be reached it says nobody was signed out', async () => {
    const { api, calls } = fakeApi();
    await renderScreen(<SettingsScreen settings={settings} />, { api, db, session: signedIn });
    act(() => screen.getByRole('button', { name: 'Sign out everywhere' }).click());
    const dialog = await screen.findByRole('dialog', { name: 'Sign out on every computer?' });
    expect(dialog.textContent).toContain('someone@example.org');
    act(() => within(dialog).getByRole('button', { name: 'Sign out everywhere' }).click());
    await waitFor(() => expect(calls.some((call) => call.channel === 'session.signOutEverywhere')).toBe(true));
    // The fake main answers as an unreachable server would: nothing changed.
    expect((await screen.findByRole('alert')).textContent).toContain('Nobody was signed out');
  });
});
