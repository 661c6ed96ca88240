import { createContext, useContext, type RefObject } from 'react';

/**
 * The content pane that scrolls (the shell's <main>): a long list inside a screen (a thread's posts) is
 * virtualised against it, so the screen has one scroll instead of a scrolling box inside a scrolling page.
 * Null outside the shell (a screen rendered on its own in a test).
 */
export const ScrollPaneContext = createContext<RefObject<HTMLElement | null> | null>(null);

export function useScrollPane(): RefObject<HTMLElement | null> | null {
  return useContext(ScrollPaneContext);
}
