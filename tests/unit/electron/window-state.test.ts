import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  placeWindow,
  WINDOW_STATE_FILE,
  WindowStateStore,
  type Rect,
  type WindowState,
} from '../../../src/main/desktop/window-state';
import { makeTempDir } from '../../support/temp-dir';

const DEFAULTS = { width: 1280, height: 800, minWidth: 960, minHeight: 600 };
const LAPTOP: Rect = { x: 0, y: 0, width: 1440, height: 875 };
/** An external monitor to the right of the laptop. */
const EXTERNAL: Rect = { x: 1440, y: -200, width: 2560, height: 1400 };

function saved(bounds: Rect, extra: Partial<WindowState> = {}): WindowState {
  return { bounds, maximized: false, fullScreen: false, ...extra };
}

describe('placeWindow', () => {
  it('opens a first window at the default size, for the OS to centre', () => {
    expect(placeWindow(null, [LAPTOP], DEFAULTS)).toEqual({
      bounds: { width: 1280, height: 800 },
      maximized: false,
      fullScreen: false,
    });
  });

  it('restores a window that is on a screen exactly where it was', () => {
    const state = saved({ x: 1600, y: 0, width: 1500, height: 1000 }, { maximized: true });
    expect(placeWindow(state, [LAPTOP, EXTERNAL], DEFAULTS)).toEqual({
      bounds: { x: 1600, y: 0, width: 1500, height: 1000 },
      maximized: true,
      fullScreen: false,
    });
  });

  it('brings back, centred on the primary screen, a window left on a monitor that is gone', () => {
    const state = saved({ x: 2000, y: 100, width: 1200, height: 700 });
    expect(placeWindow(state, [LAPTOP], DEFAULTS)).toEqual({
      bounds: { width: 1200, height: 700 },
      maximized: false,
      fullScreen: false,
    });
  });

  it('shrinks a window larger than the screen it is now on, and moves it fully inside', () => {
    const state = saved({ x: -50, y: -30, width: 2500, height: 1300 });
    expect(placeWindow(state, [LAPTOP], DEFAULTS).bounds).toEqual({ x: 0, y: 0, width: 1440, height: 875 });
  });

  it('pulls back a window hanging off the bottom-right edge', () => {
    const state = saved({ x: 1000, y: 600, width: 1000, height: 700 });
    expect(placeWindow(state, [LAPTOP], DEFAULTS).bounds).toEqual({ x: 440, y: 175, width: 1000, height: 700 });
  });

  it('keeps a window whose title bar is above the work area (a menu bar, a top panel) below it', () => {
    const state = saved({ x: 100, y: -40, width: 1000, height: 700 });
    expect(placeWindow(state, [{ x: 0, y: 25, width: 1440, height: 850 }], DEFAULTS).bounds.y).toBe(25);
  });

  it('puts a window spanning two screens on the one it overlaps most', () => {
    const state = saved({ x: 1200, y: 100, width: 1000, height: 700 });
    const placed = placeWindow(state, [LAPTOP, EXTERNAL], DEFAULTS).bounds;
    expect(placed).toEqual({ x: 1440, y: 100, width: 1000, height: 700 });
  });

  it('handles screens at negative coordinates (a monitor left of the primary one)', () => {
    const left: Rect = { x: -1920, y: 0, width: 1920, height: 1040 };
    const state = saved({ x: -1800, y: 50, width: 1200, height: 800 });
    expect(placeWindow(state, [LAPTOP, left], DEFAULTS).bounds).toEqual({ x: -1800, y: 50, width: 1200, height: 800 });
  });

  it('never restores below the minimum size', () => {
    const state = saved({ x: 10, y: 10, width: 200, height: 100 });
    expect(placeWindow(state, [LAPTOP], DEFAULTS).bounds).toMatchObject({ width: 960, height: 600 });
  });

  it('keeps the minimum size on a screen smaller than it', () => {
    const tiny: Rect = { x: 0, y: 0, width: 800, height: 480 };
    expect(placeWindow(saved({ x: 0, y: 0, width: 1000, height: 700 }), [tiny], DEFAULTS).bounds).toEqual({
      x: 0,
      y: 0,
      width: 960,
      height: 600,
    });
  });

  it('keeps the saved size when the OS reports no screen at all', () => {
    expect(placeWindow(saved({ x: 5, y: 5, width: 1100, height: 700 }), [], DEFAULTS).bounds).toEqual({
      width: 1100,
      height: 700,
    });
  });
});

describe('WindowStateStore', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ dir, cleanup } = await makeTempDir());
  });
  afterEach(() => cleanup());

  it('saves and loads the window state', async () => {
    const store = new WindowStateStore(dir);
    expect(await store.load()).toBeNull();
    const state = saved({ x: -20, y: 40, width: 1300, height: 820 }, { maximized: true });
    await store.save(state);
    expect(await new WindowStateStore(dir).load()).toEqual(state);
  });

  it.each([
    ['not JSON', '{"bounds":'],
    ['a wrong shape', '{"bounds":{"x":"left"},"maximized":false,"fullScreen":false}'],
    ['absurd numbers', '{"bounds":{"x":1e308,"y":0,"width":800,"height":600},"maximized":false,"fullScreen":false}'],
    ['a fractional size', '{"bounds":{"x":0,"y":0,"width":800.5,"height":600},"maximized":false,"fullScreen":false}'],
  ])('loads nothing from a file holding %s', async (_label, content) => {
    await writeFile(join(dir, WINDOW_STATE_FILE), content);
    expect(await new WindowStateStore(dir).load()).toBeNull();
  });

  it('writes nothing that would not load back', async () => {
    const store = new WindowStateStore(dir);
    await store.save(saved({ x: 0, y: 0, width: Number.NaN, height: 600 }));
    await expect(readFile(join(dir, WINDOW_STATE_FILE), 'utf8')).rejects.toThrow();
  });
});
