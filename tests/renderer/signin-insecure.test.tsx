import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../src/renderer/src/app/App';
import { createI18n } from '../../src/renderer/src/i18n';
import { startInProcessApp } from '../support/in-process';
import { makeTempDir } from '../support/temp-dir';

/**
 * Signing in to a server on another computer over plain http:// needs the
 * clearly labelled option, there on the sign-in screen; the real main
 * process refuses it otherwise, and the app warns while it is in use.
 */
let dir: string;
let cleanupDir: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup: cleanupDir } = await makeTempDir());
});
afterEach(() => cleanupDir());

describe('signing in over plain http://', () => {
  it('is refused until the insecure option is on; then the choice is saved and the app warns', async () => {
    const { api } = await startInProcessApp(dir, ['en-US'], { offline: true });
    const i18n = await createI18n('en');
    render(
      <I18nextProvider i18n={i18n}>
        <App api={api} />
      </I18nextProvider>,
    );
    await screen.findByRole('heading', { level: 1, name: 'Sign in to the Collective Brain' });
    // From this computer, plain http:// is fine: no option offered.
    expect(screen.queryByRole('checkbox')).toBeNull();
    fireEvent.change(screen.getByLabelText('Email'), { target: { value: 'participant@example.org' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'collective-brain' } });
    fireEvent.change(screen.getByLabelText('Server address'), { target: { value: 'http://brain.example.org' } });
    const option = await screen.findByRole('checkbox', { name: /Allow an insecure connection/u });
    fireEvent.submit(screen.getByRole('button', { name: 'Sign in' }).closest('form') as HTMLFormElement);
    expect((await screen.findByRole('alert')).textContent).toContain('This address is not encrypted');
    expect(await api.settings.get()).toMatchObject({ ok: true, value: { serverUrl: 'http://127.0.0.1:8787' } });

    act(() => option.click());
    expect(screen.getByText(/anyone on the network can read your password/u)).toBeDefined();
    fireEvent.submit(screen.getByRole('button', { name: 'Sign in' }).closest('form') as HTMLFormElement);
    // This computer is offline: the sign-in itself fails, but the address and the choice are saved.
    await waitFor(async () =>
      expect(await api.settings.get()).toMatchObject({
        ok: true,
        value: { serverUrl: 'http://brain.example.org', allowInsecureHttp: true },
      }),
    );
    const hint = await screen.findByText(/Insecure connection: your password/u);
    expect(hint.closest('[role="note"]')?.querySelector('bdi')?.textContent).toBe('http://brain.example.org');
  });
});
