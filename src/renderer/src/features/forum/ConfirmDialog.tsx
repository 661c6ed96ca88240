import { useId, useRef } from 'react';
import { useModal } from '../../ui/use-modal';
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
  const cancelRef = useRef<HTMLButtonElement>(null);
  const dialogRef = useModal(cancelRef);
  const ids = { title: useId(), body: useId() };

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
