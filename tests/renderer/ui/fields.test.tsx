import { act, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { createI18n } from '../../../src/renderer/src/i18n';
import { EmailField, PasswordField } from '../../../src/renderer/src/ui/fields';

/**
 * The one email field and the one password field the sign-in, invitation and Profile forms share: what
 * password managers and the keyboard read from them, showing a password, and an error said under its field.
 */
function Form({ error }: { error?: string }): React.JSX.Element {
  const [email, setEmail] = useState('');
  const [current, setCurrent] = useState('');
  const [chosen, setChosen] = useState('');
  return (
    <form>
      <EmailField label="Email" value={email} onChange={setEmail} />
      <PasswordField label="Current password" purpose="current" value={current} onChange={setCurrent} />
      <PasswordField
        label="New password"
        purpose="new"
        minLength={8}
        value={chosen}
        onChange={setChosen}
        help="At least 8 characters."
        {...(error !== undefined ? { error } : {})}
      />
    </form>
  );
}

async function show(error?: string): Promise<void> {
  const i18n = await createI18n('en');
  render(
    <I18nextProvider i18n={i18n}>
      <Form {...(error !== undefined ? { error } : {})} />
    </I18nextProvider>,
  );
}

describe('EmailField and PasswordField', () => {
  it('tell password managers what each field is, and add no spelling or capitals', async () => {
    await show();
    const email = screen.getByLabelText('Email');
    expect([email.getAttribute('type'), email.getAttribute('autocomplete'), email.getAttribute('dir')]).toEqual([
      'email',
      'username',
      'ltr',
    ]);
    expect(email.getAttribute('spellcheck')).toBe('false');
    expect(screen.getByLabelText('Current password').getAttribute('autocomplete')).toBe('current-password');
    const chosen = screen.getByLabelText('New password');
    expect([chosen.getAttribute('autocomplete'), chosen.getAttribute('minlength')]).toEqual(['new-password', '8']);
    expect(chosen.getAttribute('aria-describedby')).toBe(screen.getByText('At least 8 characters.').id);
  });

  it('shows a typed password on request, and hides it again once the field is emptied', async () => {
    await show();
    const field = screen.getByLabelText('Current password');
    const [toggle] = screen.getAllByRole('button', { name: 'Show' });
    if (toggle === undefined) throw new Error('a Show button');
    expect(toggle.getAttribute('aria-controls')).toBe(field.id);
    expect(toggle).toHaveProperty('disabled', true);
    fireEvent.change(field, { target: { value: 'collective-brain' } });
    act(() => toggle.click());
    expect(field.getAttribute('type')).toBe('text');
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
    act(() => toggle.click());
    expect(field.getAttribute('type')).toBe('password');
    act(() => toggle.click());
    fireEvent.change(field, { target: { value: '' } });
    expect(field.getAttribute('type')).toBe('password');
    // The other password stays hidden: each field has its own.
    expect(screen.getByLabelText('New password').getAttribute('type')).toBe('password');
  });

  it('says what is wrong under the field, and marks it invalid', async () => {
    await show('The two new passwords are not the same.');
    const field = screen.getByLabelText('New password');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    const error = screen.getByText('The two new passwords are not the same.');
    expect(field.getAttribute('aria-describedby')?.split(' ')).toContain(error.id);
    expect(screen.getByLabelText('Current password').getAttribute('aria-invalid')).toBeNull();
  });
});
