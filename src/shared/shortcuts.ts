/**
 * The keyboard shortcuts, in the convention of Discourse and Gmail: single keys, and `g` then a letter to go
 * somewhere. One list for the whole app: the renderer acts on it and lists it under `?`, and the desktop
 * application menu can show the same keys next to the same commands. Pure data and a pure reader: no DOM.
 */
export const SHORTCUT_IDS = [
  'search',
  'help',
  'goHome',
  'goForum',
  'goLibrary',
  'goAcademy',
  'newThread',
  'reply',
  'nextPost',
  'previousPost',
] as const;
export type ShortcutId = (typeof SHORTCUT_IDS)[number];

/**
 * Every command the page runs when asked from outside it (the desktop application menu): the keyboard
 * shortcuts, and Back, whose keys the system owns (Alt+Left, Cmd+[) and so are not in the list under `?`.
 */
export const APP_COMMAND_IDS = [...SHORTCUT_IDS, 'back'] as const;
export type AppCommandId = (typeof APP_COMMAND_IDS)[number];

export interface Shortcut {
  readonly id: ShortcutId;
  /** The keys in order, as KeyboardEvent.key gives them (one key, or `g` then a letter). */
  readonly keys: readonly string[];
  /** Where it belongs in the list under `?`. */
  readonly group: 'app' | 'go' | 'forum';
}

export const SHORTCUTS: readonly Shortcut[] = [
  { id: 'search', keys: ['/'], group: 'app' },
  { id: 'help', keys: ['?'], group: 'app' },
  { id: 'goHome', keys: ['g', 'h'], group: 'go' },
  { id: 'goForum', keys: ['g', 'f'], group: 'go' },
  { id: 'goLibrary', keys: ['g', 'l'], group: 'go' },
  { id: 'goAcademy', keys: ['g', 'a'], group: 'go' },
  { id: 'newThread', keys: ['n'], group: 'forum' },
  { id: 'reply', keys: ['r'], group: 'forum' },
  { id: 'nextPost', keys: ['j'], group: 'forum' },
  { id: 'previousPost', keys: ['k'], group: 'forum' },
];

/** How long the second key of a sequence (`g` then `h`) may wait, as in Gmail. */
export const SEQUENCE_WINDOW_MS = 1500;

export type KeyOutcome = { kind: 'shortcut'; id: ShortcutId } | { kind: 'pending' } | { kind: 'none' };

/**
 * Reads keys one at a time and says when they make a shortcut. A sequence's first key waits for the next
 * one (`pending`); a key that completes nothing starts over (so `g` `x` `g` `h` still goes home).
 */
export class ShortcutReader {
  private started: { key: string; at: number } | null = null;

  constructor(
    private readonly shortcuts: readonly Shortcut[] = SHORTCUTS,
    private readonly now: () => number = Date.now,
  ) {}

  read(key: string): KeyOutcome {
    const at = this.now();
    const prefix = this.started !== null && at - this.started.at <= SEQUENCE_WINDOW_MS ? this.started.key : null;
    this.started = null;
    if (prefix !== null) {
      const found = this.shortcuts.find((s) => s.keys.length === 2 && s.keys[0] === prefix && s.keys[1] === key);
      if (found !== undefined) return { kind: 'shortcut', id: found.id };
    }
    const single = this.shortcuts.find((s) => s.keys.length === 1 && s.keys[0] === key);
    if (single !== undefined) return { kind: 'shortcut', id: single.id };
    if (this.shortcuts.some((s) => s.keys.length === 2 && s.keys[0] === key)) {
      this.started = { key, at };
      return { kind: 'pending' };
    }
    return { kind: 'none' };
  }

  reset(): void {
    this.started = null;
  }
}
