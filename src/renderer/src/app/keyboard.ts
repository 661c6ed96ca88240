import { useEffect, useRef } from 'react';
import { ShortcutReader, type ShortcutId } from '../../../shared/shortcuts';

/**
 * Keyboard shortcuts (the map is src/shared/shortcuts.ts). The shell listens; a screen that can act on one
 * (the thread: reply, next and previous post) registers what it does while it is shown, and the newest
 * registration wins. No shortcut fires while the user is typing or composing text, with a modifier held, or
 * while a modal dialog is open.
 */
type Handler = () => void;
const handlers = new Map<ShortcutId, Handler[]>();

/** Lets the screen on show act on a shortcut while it is mounted. */
export function useShortcut(id: ShortcutId, handler: Handler): void {
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => {
    const call: Handler = () => latest.current();
    const list = handlers.get(id) ?? [];
    handlers.set(id, [...list, call]);
    return () => {
      handlers.set(
        id,
        (handlers.get(id) ?? []).filter((registered) => registered !== call),
      );
    };
  }, [id]);
}

/** Runs the newest handler for `id`; false when nothing on screen handles it. */
export function runShortcut(id: ShortcutId): boolean {
  const handler = handlers.get(id)?.at(-1);
  if (handler === undefined) return false;
  handler();
  return true;
}

const EDITABLE = 'input, textarea, select, [contenteditable]:not([contenteditable="false"])';

/** True when a key press belongs to text being written, not to the app. */
export function isTyping(event: KeyboardEvent): boolean {
  // An input method composing a character (Korean, Japanese, Chinese) sends keys that are not commands.
  if (event.isComposing || event.key === 'Process') return true;
  const target = event.target;
  return target instanceof Element && target.closest(EDITABLE) !== null;
}

/** Listens for shortcuts on the whole window; each recognised one runs its handler and is not typed anywhere. */
export function useShortcutListener(): void {
  useEffect(() => {
    const reader = new ShortcutReader();
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (isTyping(event) || document.querySelector('dialog[open]') !== null) {
        reader.reset();
        return;
      }
      const outcome = reader.read(event.key);
      if (outcome.kind === 'pending') event.preventDefault();
      if (outcome.kind === 'shortcut' && runShortcut(outcome.id)) event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
