import { mkdir, rename } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { defaultContentLanguages, pickUiLanguage } from '../../shared/languages';
import { AppError } from '../../shared/result';
import {
  DEFAULT_SERVER_URL,
  DEFAULT_STORAGE_CAP_MB,
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
  });
}

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
    const outcome = await readJsonFile(path, SettingsSchema);
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
      settings = SettingsSchema.parse({ ...settings, serverUrl: options.serverUrlOverride });
    }
    return new SettingsService(path, settings, options.emit);
  }

  get(): Settings {
    return this.current;
  }

  async set(patch: SettingsPatch): Promise<Settings> {
    // Serialized, and each change applies to the one before it: two quick changes (two checkboxes) both stay,
    // and a slow disk cannot reorder them.
    const change = this.writes.then(async () => {
      const parsed = SettingsSchema.safeParse({ ...this.current, ...patch });
      if (!parsed.success) throw new AppError('invalid-arguments', parsed.error.message);
      const next = parsed.data;
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
