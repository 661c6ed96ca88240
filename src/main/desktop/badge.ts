/** How the unread-activity count reaches the OS on each platform. */
export type BadgePlan =
  /** macOS dock, Linux launchers that show counts (Unity's LauncherEntry API): app.setBadgeCount. */
  | { kind: 'app-count'; count: number }
  /** Windows: an overlay on the taskbar button, described for screen readers; null image clears it. */
  | { kind: 'taskbar-overlay'; count: number };

export function badgePlan(platform: NodeJS.Platform, count: number): BadgePlan {
  const safe = Number.isInteger(count) && count > 0 ? count : 0;
  return platform === 'win32' ? { kind: 'taskbar-overlay', count: safe } : { kind: 'app-count', count: safe };
}
