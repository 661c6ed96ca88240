import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../fs/atomic-write';
import { readJsonFile } from '../fs/json-file';

const Coordinate = z.number().int().min(-100_000).max(100_000);
const Length = z.number().int().min(1).max(100_000);

export const RectSchema = z.strictObject({ x: Coordinate, y: Coordinate, width: Length, height: Length });
export type Rect = z.infer<typeof RectSchema>;

/** The main window as it was last left: its normal (not maximized) bounds, and whether it was maximized. */
export const WindowStateSchema = z.strictObject({
  bounds: RectSchema,
  maximized: z.boolean(),
  fullScreen: z.boolean(),
});
export type WindowState = z.infer<typeof WindowStateSchema>;

export interface WindowDefaults {
  width: number;
  height: number;
  minWidth: number;
  minHeight: number;
}

/** Where to open the window: bounds without x/y let the OS centre it. */
export interface WindowPlacement {
  bounds: { width: number; height: number; x?: number; y?: number };
  maximized: boolean;
  fullScreen: boolean;
}

function overlap(a: Rect, b: Rect): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return width > 0 && height > 0 ? width * height : 0;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}

/**
 * Puts the window back where it was, as long as that is on a screen now.
 * Screens come and go (a laptop leaves its external monitor, a resolution
 * changes): the window goes to the screen it overlaps most, shrunk to fit and
 * moved fully inside its work area; if it overlaps none, it opens centred on
 * the primary screen (`workAreas[0]`). Never smaller than the minimum size.
 */
export function placeWindow(
  saved: WindowState | null,
  workAreas: readonly Rect[],
  defaults: WindowDefaults,
): WindowPlacement {
  const fresh: WindowPlacement = {
    bounds: { width: defaults.width, height: defaults.height },
    maximized: false,
    fullScreen: false,
  };
  const primary = workAreas[0];
  if (primary === undefined) return saved === null ? fresh : { ...fresh, bounds: sizeOf(saved.bounds, defaults) };
  if (saved === null) return { ...fresh, bounds: fit(fresh.bounds, primary, defaults) };

  let best: Rect | undefined;
  let bestOverlap = 0;
  for (const area of workAreas) {
    const shared = overlap(saved.bounds, area);
    if (shared > bestOverlap) {
      best = area;
      bestOverlap = shared;
    }
  }
  if (best === undefined) {
    // Nowhere to be seen: the size is kept (within the primary screen), the place is the OS's choice.
    return { ...fresh, maximized: saved.maximized, bounds: fit(sizeOf(saved.bounds, defaults), primary, defaults) };
  }
  const width = clamp(saved.bounds.width, defaults.minWidth, Math.max(defaults.minWidth, best.width));
  const height = clamp(saved.bounds.height, defaults.minHeight, Math.max(defaults.minHeight, best.height));
  return {
    bounds: {
      width,
      height,
      x: clamp(saved.bounds.x, best.x, best.x + Math.max(0, best.width - width)),
      y: clamp(saved.bounds.y, best.y, best.y + Math.max(0, best.height - height)),
    },
    maximized: saved.maximized,
    fullScreen: saved.fullScreen,
  };
}

function sizeOf(
  bounds: { width: number; height: number },
  defaults: WindowDefaults,
): { width: number; height: number } {
  return { width: Math.max(bounds.width, defaults.minWidth), height: Math.max(bounds.height, defaults.minHeight) };
}

/** The size, no larger than the screen's work area (nor smaller than the minimum), to be centred by the OS. */
function fit(size: { width: number; height: number }, area: Rect, defaults: WindowDefaults): WindowPlacement['bounds'] {
  return {
    width: clamp(size.width, defaults.minWidth, Math.max(defaults.minWidth, area.width)),
    height: clamp(size.height, defaults.minHeight, Math.max(defaults.minHeight, area.height)),
  };
}

export const WINDOW_STATE_FILE = 'window-state.json';

/** The window's last state on disk. A missing or unreadable file only means "open at the default place". */
export class WindowStateStore {
  private readonly path: string;
  private writes: Promise<void> = Promise.resolve();

  constructor(userDataDir: string) {
    this.path = join(userDataDir, WINDOW_STATE_FILE);
  }

  async load(): Promise<WindowState | null> {
    try {
      const read = await readJsonFile(this.path, WindowStateSchema);
      return read.kind === 'loaded' ? read.value : null;
    } catch {
      return null;
    }
  }

  /** Writes in order; a failure is reported to the caller's log, never thrown at the window. */
  save(state: WindowState): Promise<void> {
    const parsed = WindowStateSchema.safeParse(state);
    if (!parsed.success) return Promise.resolve();
    const write = this.writes.then(() => writeFileAtomic(this.path, `${JSON.stringify(parsed.data)}\n`));
    this.writes = write.catch(() => undefined);
    return write;
  }
}
