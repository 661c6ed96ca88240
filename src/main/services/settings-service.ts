import { mkdir, rename } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { defaultContentLanguages, pickUiLanguage } from '../../shared/languages';
import { AppError } from '../../shared/result';
import { z } from 'zod';
import {
  DEFAULT_SERVER_URL,
  DEFAULT_STORAGE_CAP_MB,
  INSECURE_SERVER_MESSAGE,
  isInsecureServerUrl,
  SettingsSchema,
  type Settings,
  type SettingsPatch,
} from '../../shared/settings';
import { writeFileAtomic } from '../fs/atomic-write';
import { readJsonFile } from '../fs/json-file';
import type { Emit } from './events';
import type { NoticeBoard } from './notice-board';

export const SETTINGS_FILE = 'settings.json';

export function defaultSettings(systemLanguages: readonly string[]): Settings {
  // Parsed, so every field with a default in the schema gets it.
  return SettingsSchema.parse({
    uiLanguage: pickUiLanguage(systemLanguages),
    contentLanguages: defaultContentLanguages(systemLanguages),
    theme: 'system',
    serverUrl: DEFAULT_SERVER_URL,
    downloadPolicy: 'manual',
    storageCapMb: DEFAULT_STORAGE_CAP_MB,
    allowInsecureHttp: false,
  });
}

/**
 * Settings written before plain http:// was refused for other computers: an
 * address the user chose then is kept, with insecure connections on (and the
 * warning the app shows for them), rather than reset.
 */
const StoredSettingsSchema = z.preprocess((value) => {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || 'allowInsecureHttp' in value) return value;
  const serverUrl = (value as { serverUrl?: unknown }).serverUrl;
  return typeof serverUrl === 'string' && isInsecureServerUrl(serverUrl)
    ? { ...value, allowInsecureHttp: true }
    : value;
}, SettingsSchema);

export interface SettingsServiceOptions {
  userDataDir: string;
  systemLanguages: readonly string[];
  emit: Emit;
  notices: NoticeBoard;
  /** The server address given on the command line wins over the stored one for this run. */
  serverUrlOverride?: string;
}

/**
 * The user's settings, persisted as JSON in the data folder. Writes are
 * atomic. A file that cannot be read is never overwritten in place: it is
 * renamed aside, defaults load, and the user is told where it went.
 */
export class SettingsService {
  private current: Settings;
  private writes: Promise<void> = Promise.resolve();

  private constructor(
    private readonly path: string,
    initial: Settings,
    private readonly emit: Emit,
  ) {
    this.current = initial;
  }

  static async open(options: SettingsServiceOptions): Promise<SettingsService> {
    const path = join(options.userDataDir, SETTINGS_FILE);
    await mkdir(dirname(path), { recursive: true });
    const outcome = await readJsonFile(path, StoredSettingsSchema);
    let settings: Settings;
    if (outcome.kind === 'loaded') {
      settings = outcome.value;
    } else {
      // First run (or a reset): follow the OS language, then the user's choice.
      settings = defaultSettings(options.systemLanguages);
      if (outcome.kind === 'corrupt') {
        const aside = join(dirname(path), `settings.corrupt-${new Date().toISOString().replace(/[:.]/gu, '-')}.json`);
        await rename(path, aside);
        options.notices.post('settings-reset', aside);
      }
      await writeFileAtomic(path, `${JSON.stringify(settings, null, 2)}\n`);
    }
    if (options.serverUrlOverride !== undefined) {
      const overridden = SettingsSchema.safeParse({ ...settings, serverUrl: options.serverUrlOverride });
      // Plain http:// to another computer is not taken from a switch either: the user must turn it on.
      if (overridden.success) settings = overridden.data;
      else options.notices.post('server-refused', options.serverUrlOverride);
    }
    return new SettingsService(path, settings, options.emit);
  }

  get(): Settings {
    return this.current;
  }

  /** The settings this change would give, or the error it would get (nothing is saved). */
  check(patch: SettingsPatch): Settings {
    const merged = { ...this.current, ...patch };
    if (merged.allowInsecureHttp !== true && isInsecureServerUrl(merged.serverUrl)) {
      throw new AppError('insecure-server', INSECURE_SERVER_MESSAGE);
    }
    const parsed = SettingsSchema.safeParse(merged);
    if (!parsed.success) throw new AppError('invalid-arguments', parsed.error.message);
    return parsed.data;
  }

  async set(patch: SettingsPatch): Promise<Settings> {
    // Serialized, and each change applies to the one before it: two quick changes (two checkboxes) both stay,
    // and a slow disk cannot reorder them.
    const change = this.writes.then(async () => {
      const next = this.check(patch);
      try {
        await writeFileAtomic(this.path, `${JSON.stringify(next, null, 2)}\n`);
      } catch (error) {
        throw new AppError('storage-failed', `Could not save settings: ${(error as Error).message}`, { cause: error });
      }
      this.current = next;
      this.emit('settings.changed', next);
      return next;
    });
    this.writes = change.then(
      () => undefined,
      () => undefined,
    );
    return change;
  }
}
