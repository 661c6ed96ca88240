import type { HostKind } from '../../shared/contract';

/** Where the app keeps what it owns on this machine. */
export interface HostPaths {
  /** Settings, secrets, the document store: everything that must survive. */
  readonly userData: string;
  /** What can be rebuilt: caches, logs. */
  readonly cache: string;
}

/** Credentials at rest. `encrypted` is false where the OS offers only plain-text storage. */
export interface SecretStore {
  readonly encrypted: boolean;
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}

/** What the save dialog proposes: a file name (in the user's downloads folder) and a type filter. */
export interface SaveDialogRequest {
  readonly fileName: string;
  readonly filter: { readonly name: string; readonly extensions: readonly string[] };
}

/**
 * Everything the main-process services need from the platform. Electron and
 * plain Node each implement it, so the services run and are tested in Node.
 */
export interface Host {
  readonly kind: HostKind;
  readonly appName: string;
  readonly appVersion: string;
  readonly platform: NodeJS.Platform;
  readonly paths: HostPaths;
  readonly secrets: SecretStore;
  /** The operating system's preferred languages, most preferred first. */
  systemLanguages(): string[];
  /** Opens a URL in the system browser. Callers check the allow-list first. */
  openExternal(url: string): Promise<void>;
  /** Opens a local file (a downloaded document) with the system's default application. */
  openPath(path: string): Promise<void>;
  notify(title: string, body: string): void;
  /**
   * Asks the user where to save a file: the chosen path, or null if they
   * cancelled. Absent where the host has no window of its own to ask from
   * (browser mode): there the page saves the file as a browser download.
   */
  readonly saveDialog?: (request: SaveDialogRequest) => Promise<string | null>;
  /**
   * Asks the user for a folder (an export's destination): its path, or null
   * if they cancelled. Absent where the host has no window (browser mode):
   * there the page offers a path field that main checks.
   */
  readonly folderDialog?: (request: { readonly defaultPath: string }) => Promise<string | null>;
  readonly fetch: typeof globalThis.fetch;
}
