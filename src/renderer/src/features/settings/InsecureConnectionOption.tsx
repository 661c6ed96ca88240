import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import './insecure.css';

/**
 * The clearly labelled way to accept plain http:// to a server on another
 * computer. Ticked, it says plainly what that exposes.
 */
export function InsecureConnectionOption({
  checked,
  onChange,
  disabled = false,
}: {
  checked: boolean;
  onChange: (checked: boolean) => void;
  disabled?: boolean;
}): React.JSX.Element {
  const { t } = useTranslation('settings');
  const ids = { box: useId(), warning: useId() };
  return (
    <div className="insecure-option">
      <label className="choice" htmlFor={ids.box}>
        <input
          id={ids.box}
          type="checkbox"
          checked={checked}
          disabled={disabled}
          aria-describedby={checked ? ids.warning : undefined}
          onChange={(event) => onChange(event.target.checked)}
        />
        {t('insecure.option')}
      </label>
      {checked ? (
        <p id={ids.warning} className="notice insecure-warning" role="note">
          {t('insecure.warning')}
        </p>
      ) : null}
    </div>
  );
}
