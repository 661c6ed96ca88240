import { describe, expect, it } from 'vitest';
import { SEQUENCE_WINDOW_MS, SHORTCUTS, SHORTCUT_IDS, ShortcutReader } from '../../src/shared/shortcuts';

function reader(): { read: (key: string) => ReturnType<ShortcutReader['read']>; wait: (ms: number) => void } {
  let now = 1_000;
  const instance = new ShortcutReader(SHORTCUTS, () => now);
  return { read: (key) => instance.read(key), wait: (ms) => (now += ms) };
}

describe('keyboard shortcuts (issue 17, item 16)', () => {
  it('lists each command once, with distinct keys', () => {
    expect(SHORTCUTS.map((s) => s.id).sort()).toEqual([...SHORTCUT_IDS].sort());
    const keys = SHORTCUTS.map((s) => s.keys.join(' '));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('reads single keys and the Gmail-style g sequences', () => {
    const { read } = reader();
    expect(read('/')).toEqual({ kind: 'shortcut', id: 'search' });
    expect(read('?')).toEqual({ kind: 'shortcut', id: 'help' });
    expect(read('j')).toEqual({ kind: 'shortcut', id: 'nextPost' });
    expect(read('g')).toEqual({ kind: 'pending' });
    expect(read('l')).toEqual({ kind: 'shortcut', id: 'goLibrary' });
    expect(read('g')).toEqual({ kind: 'pending' });
    expect(read('a')).toEqual({ kind: 'shortcut', id: 'goAcademy' });
    expect(read('x')).toEqual({ kind: 'none' });
  });

  it('starts over after a key that completes nothing, and forgets a g left alone too long', () => {
    const { read, wait } = reader();
    expect(read('g')).toEqual({ kind: 'pending' });
    expect(read('x')).toEqual({ kind: 'none' });
    expect(read('h')).toEqual({ kind: 'none' });
    expect(read('g')).toEqual({ kind: 'pending' });
    expect(read('h')).toEqual({ kind: 'shortcut', id: 'goHome' });
    expect(read('g')).toEqual({ kind: 'pending' });
    wait(SEQUENCE_WINDOW_MS + 1);
    expect(read('f')).toEqual({ kind: 'none' });
    // After a g, a key with a meaning of its own keeps it.
    expect(read('g')).toEqual({ kind: 'pending' });
    expect(read('r')).toEqual({ kind: 'shortcut', id: 'reply' });
  });
});
