import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import './fields.css';

interface FieldProps {
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  /** Said under the field and read with it (aria-describedby). */
  readonly help?: ReactNode;
  /** What is wrong with this field: shown under it, and the field is marked invalid. */
  readonly error?: string | null;
}

function describedBy(...ids: (string | false)[]): string | undefined {
  const present = ids.filter((id): id is string => id !== false);
  return present.length === 0 ? undefined : present.join(' ');
}

/**
 * An email address as an account's name: the browser's and password managers' `username`, no spelling or
 * capitals added, always left to right (an address reads the same in Arabic).
 */
export function EmailField({ label, value, onChange, help, error }: FieldProps): React.JSX.Element {
  const ids = { input: useId(), help: useId(), error: useId() };
  const invalid = error !== undefined && error !== null;
  return (
    <div className="form-field">
      <label htmlFor={ids.input}>{label}</label>
      <input
        id={ids.input}
        type="email"
        inputMode="email"
        autoComplete="username"
        autoCapitalize="off"
        spellCheck={false}
        dir="ltr"
        required
        value={value}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy(help !== undefined && ids.help, invalid && ids.error)}
        onChange={(event) => onChange(event.target.value)}
      />
      {help !== undefined ? (
        <p id={ids.help} className="help">
          {help}
        </p>
      ) : null}
      {invalid ? (
        <p id={ids.error} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/**
 * A password: `current` for one the account has (signing in, confirming a change), `new` for one being chosen
 * (so password managers offer to generate and save it). "Show" reveals what was typed, for the person who
 * cannot see the dots' mistakes; it hides again once the field is emptied (after a submit).
 */
export function PasswordField({
  label,
  value,
  onChange,
  help,
  error,
  purpose,
  minLength,
}: FieldProps & { readonly purpose: 'current' | 'new'; readonly minLength?: number }): React.JSX.Element {
  const { t } = useTranslation('common');
  const ids = { input: useId(), help: useId(), error: useId() };
  const [shown, setShown] = useState(false);
  const visible = shown && value !== '';
  const invalid = error !== undefined && error !== null;
  return (
    <div className="form-field">
      <label htmlFor={ids.input}>{label}</label>
      <div className="password-field">
        <input
          id={ids.input}
          type={visible ? 'text' : 'password'}
          autoComplete={purpose === 'current' ? 'current-password' : 'new-password'}
          autoCapitalize="off"
          autoCorrect="off"
          spellCheck={false}
          dir="ltr"
          required
          {...(minLength !== undefined ? { minLength } : {})}
          value={value}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy(help !== undefined && ids.help, invalid && ids.error)}
          onChange={(event) => {
            if (event.target.value === '') setShown(false);
            onChange(event.target.value);
          }}
        />
        {/* Named by its word alone ("Show"), pressed while the password is shown; it controls the field beside it. */}
        <button
          type="button"
          className="button-secondary password-toggle"
          aria-controls={ids.input}
          aria-pressed={visible}
          disabled={value === ''}
          onClick={() => setShown((now) => !now)}
        >
          {t('passwordField.show')}
        </button>
      </div>
      {help !== undefined ? (
        <p id={ids.help} className="help">
          {help}
        </p>
      ) : null}
      {invalid ? (
        <p id={ids.error} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
