import { z } from 'zod';
import { CONTENT_LANGUAGES, UI_LANGUAGES } from './languages';

export const DEFAULT_SERVER_URL = 'http://127.0.0.1:8787';

export const HttpUrlSchema = z
  .string()
  .max(2048)
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'http:' || url.protocol === 'https:') && url.username === '' && url.password === '';
    } catch {
      return false;
    }
  }, 'must be an http(s) URL without credentials');

/** Whether an address is this computer: plain http:// there sends nothing over a network. */
export function isLoopbackUrl(value: string): boolean {
  let host: string;
  try {
    host = new URL(value).hostname.toLowerCase();
  } catch {
    return false;
  }
  return host === 'localhost' || host === '[::1]' || /^127(?:\.\d{1,3}){3}$/u.test(host);
}

/** Plain http:// to another computer: the password and everything synced would travel unencrypted. */
export function isInsecureServerUrl(value: string): boolean {
  try {
    return new URL(value).protocol === 'http:' && !isLoopbackUrl(value);
  } catch {
    return false;
  }
}

export const INSECURE_SERVER_MESSAGE =
  'Plain http:// is refused for a server on another computer; use https://, or turn on insecure connections.';

/** What is downloaded without being asked: nothing, or the editions the user attended. */
export const DownloadPolicySchema = z.enum(['manual', 'my-editions']);
export type DownloadPolicy = z.infer<typeof DownloadPolicySchema>;
export const DEFAULT_STORAGE_CAP_MB = 2048;
const StorageCapMbSchema = z.number().int().min(100).max(1_000_000);

export const ThemeSchema = z.enum(['system', 'light', 'dark']);
export type Theme = z.infer<typeof ThemeSchema>;

/** Which releases the desktop app updates to: stable ones only, or betas too. */
export const UpdateChannelSchema = z.enum(['stable', 'beta']);
export type UpdateChannel = z.infer<typeof UpdateChannelSchema>;

/** What the user chose; persisted as JSON in the user's data folder. */
export const SettingsSchema = z
  .object({
    uiLanguage: z.enum(UI_LANGUAGES),
    contentLanguages: z.array(z.enum(CONTENT_LANGUAGES)).min(1).max(CONTENT_LANGUAGES.length),
    theme: ThemeSchema,
    serverUrl: HttpUrlSchema,
    downloadPolicy: DownloadPolicySchema.default('manual'),
    /** Cap on automatic downloads; pinned documents never count against it. */
    storageCapMb: StorageCapMbSchema.default(DEFAULT_STORAGE_CAP_MB),
    /** The user accepted plain http:// to a server on another computer (the app then warns, always). Off when absent. */
    allowInsecureHttp: z.boolean().optional(),
    /** A metered connection (mobile data, pay per megabyte): nothing big is fetched without being asked. */
    metered: z.boolean().default(false),
    updateChannel: UpdateChannelSchema.default('stable'),
    /** No system notifications at all (the app still shows everything in its own screens). */
    muteNotifications: z.boolean().default(false),
    /** Desktop app: open at login (hidden in the tray when it keeps syncing in the background). */
    startAtLogin: z.boolean().default(false),
    /** Desktop app: closing the window keeps it syncing, with its icon in the tray (menu bar on macOS). */
    backgroundSync: z.boolean().default(false),
  })
  .strict()
  .refine((s) => new Set(s.contentLanguages).size === s.contentLanguages.length, {
    message: 'content languages must not repeat',
    path: ['contentLanguages'],
  })
  .refine((s) => s.allowInsecureHttp === true || !isInsecureServerUrl(s.serverUrl), {
    message: INSECURE_SERVER_MESSAGE,
    path: ['serverUrl'],
  });
export type Settings = z.infer<typeof SettingsSchema>;

/** A change request: any subset of the settings, each field validated like the whole. */
export const SettingsPatchSchema = z
  .object({
    uiLanguage: z.enum(UI_LANGUAGES).optional(),
    contentLanguages: z.array(z.enum(CONTENT_LANGUAGES)).min(1).max(CONTENT_LANGUAGES.length).optional(),
    theme: ThemeSchema.optional(),
    serverUrl: HttpUrlSchema.optional(),
    downloadPolicy: DownloadPolicySchema.optional(),
    storageCapMb: StorageCapMbSchema.optional(),
    allowInsecureHttp: z.boolean().optional(),
    metered: z.boolean().optional(),
    updateChannel: UpdateChannelSchema.optional(),
    muteNotifications: z.boolean().optional(),
    startAtLogin: z.boolean().optional(),
    backgroundSync: z.boolean().optional(),
  })
  .strict();
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;
