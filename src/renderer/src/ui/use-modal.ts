import { useEffect, useRef, type RefObject } from 'react';

/**
 * A `<dialog>` shown as a modal while the component is mounted: focus moves to `focusFirst` (the safe
 * choice, or Close) when it opens and goes back to where it was when it closes. Escape is the dialog's
 * `cancel` event, which the caller handles.
 */
export function useModal(focusFirst: RefObject<HTMLElement | null>): RefObject<HTMLDialogElement | null> {
  const dialogRef = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const returnTo = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const dialog = dialogRef.current;
    if (dialog !== null && !dialog.open) {
      try {
        dialog.showModal();
      } catch {
        // A dialog not yet in a document (or a DOM without modals) still shows, as a plain open dialog.
        dialog.setAttribute('open', '');
      }
    }
    focusFirst.current?.focus();
    return () => returnTo?.focus();
  }, [focusFirst]);
  return dialogRef;
}
