import { useEffect, useId, useRef } from 'react';
import './forum.css';

/**
 * A modal question. Focus moves to the safe choice when it opens and goes
 * back to where it was when it closes; Escape cancels.
 */
export function ConfirmDialog({
  title,
  body,
  confirmLabel,
  cancelLabel,
  onConfirm,
  onCancel,
}: {
  title: string;
  body: string;
  confirmLabel: string;
  cancelLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
}): React.JSX.Element {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const ids = { title: useId(), body: useId() };

  useEffect(() => {
    const returnTo = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const dialog = dialogRef.current;
    if (dialog !== null && !dialog.open) {
      try {
        dialog.showModal();
      } catch {
        dialog.setAttribute('open', '');
      }
    }
    cancelRef.current?.focus();
    return () => {
      returnTo?.focus();
    };
  }, []);

  return (
    <dialog
      ref={dialogRef}
      className="forum-dialog"
      aria-labelledby={ids.title}
      aria-describedby={ids.body}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <h2 id={ids.title}>{title}</h2>
      <p id={ids.body}>{body}</p>
      <div className="forum-actions">
        <button ref={cancelRef} type="button" className="button-secondary" onClick={onCancel}>
          {cancelLabel}
        </button>
        <button type="button" className="button-danger" onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
