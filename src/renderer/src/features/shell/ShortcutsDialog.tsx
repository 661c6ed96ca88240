import { Fragment, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { SHORTCUTS, type Shortcut } from '../../../../shared/shortcuts';
import { useModal } from '../../ui/use-modal';

const GROUPS: readonly Shortcut['group'][] = ['app', 'go', 'forum'];

/**
 * Every shortcut, under `?` (Discourse, Gmail): a modal dialog that keeps the focus inside, closes with
 * Escape or its button, and gives the focus back to where it was.
 */
export function ShortcutsDialog({ onClose }: { onClose: () => void }): React.JSX.Element {
  const { t } = useTranslation('shell');
  const closeRef = useRef<HTMLButtonElement>(null);
  const dialogRef = useModal(closeRef);
  const titleId = useId();

  return (
    <dialog
      ref={dialogRef}
      className="shortcuts-dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <h2 id={titleId}>{t('shortcuts.title')}</h2>
      <p className="help">{t('shortcuts.intro')}</p>
      {GROUPS.map((group) => (
        <section key={group} className="shortcuts-group" aria-labelledby={`${titleId}-${group}`}>
          <h3 id={`${titleId}-${group}`}>{t(`shortcuts.groups.${group}`)}</h3>
          <dl>
            {SHORTCUTS.filter((shortcut) => shortcut.group === group).map((shortcut) => (
              <div key={shortcut.id} className="shortcut-row">
                <dt>
                  {shortcut.keys.map((key, index) => (
                    <Fragment key={key}>
                      {index > 0 ? <span className="shortcut-then"> {t('shortcuts.then')} </span> : null}
                      <kbd>{key}</kbd>
                    </Fragment>
                  ))}
                </dt>
                <dd>{t(`shortcuts.names.${shortcut.id}`)}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
      <div className="shortcuts-actions">
        <button ref={closeRef} type="button" className="button-secondary" onClick={onClose}>
          {t('shortcuts.close')}
        </button>
      </div>
    </dialog>
  );
}
