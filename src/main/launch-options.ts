import { SettingsPatchSchema } from '../shared/settings';

export interface LaunchOptions {
  /** `--server=URL`: the server to sync with for this run (npm start passes the demo server). */
  serverUrl?: string;
}

/** Reads the app's own switches from argv, ignoring Chromium's and Electron's. */
export function parseLaunchOptions(argv: readonly string[]): LaunchOptions {
  const options: LaunchOptions = {};
  for (const arg of argv) {
    const match = /^--server=(.+)$/u.exec(arg);
    if (match?.[1] !== undefined && SettingsPatchSchema.safeParse({ serverUrl: match[1] }).success) {
      options.serverUrl = match[1];
    }
  }
  return options;
}
