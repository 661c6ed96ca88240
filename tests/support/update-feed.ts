/**
 * A local update feed (a folder served on 127.0.0.1, as electron-builder's
 * generic provider lays it out: <channel>-linux.yml beside the installers)
 * and a stand-in for electron-updater's autoUpdater that reads it: the
 * updater is mocked (it would need Electron), the feed and its bytes are real.
 */
import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { createServer, get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Updater } from '../../src/main/desktop/update-controller';

export interface UpdateFeed {
  readonly url: string;
  /** Every path asked for, in order. */
  readonly requests: string[];
  /** Publishes a release on a channel ('latest' or 'beta'); `tamper` serves other bytes than the feed's sha512. */
  publish(channel: string, version: string, options?: { tamper?: boolean; size?: number }): void;
  close(): Promise<void>;
}

export async function startUpdateFeed(): Promise<UpdateFeed> {
  const files = new Map<string, Buffer>();
  const requests: string[] = [];
  const server: Server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
    requests.push(path);
    const body = files.get(path);
    if (body === undefined) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-length': body.length }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${String(port)}`,
    requests,
    publish(channel, version, options = {}) {
      const name = `Collective-Brain-${version}.AppImage`;
      const bytes = Buffer.alloc(options.size ?? 200_000, version);
      const sha512 = createHash('sha512').update(bytes).digest('base64');
      files.set(`/${name}`, options.tamper === true ? Buffer.alloc(bytes.length, 'x') : bytes);
      files.set(
        `/${channel}-linux.yml`,
        Buffer.from(
          [
            `version: ${version}`,
            'files:',
            `  - url: ${name}`,
            `    sha512: ${sha512}`,
            `    size: ${String(bytes.length)}`,
            `path: ${name}`,
            `sha512: ${sha512}`,
            `releaseDate: '2026-12-01T10:00:00.000Z'`,
            '',
          ].join('\n'),
        ),
      );
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A GET with Node's own http client: the renderer tests' DOM replaces the global fetch with its own. */
function download(url: string): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(url, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks) }));
      response.on('error', reject);
    }).on('error', reject);
  });
}

function field(yaml: string, name: string): string | undefined {
  return new RegExp(`^${name}: (.+)$`, 'mu').exec(yaml)?.[1]?.trim();
}

/** Compares x.y.z[-pre] versions the way semver orders them (enough for these feeds). */
export function compareVersions(a: string, b: string): number {
  const [mainA = '', preA] = a.split('-', 2);
  const [mainB = '', preB] = b.split('-', 2);
  const partsA = mainA.split('.').map(Number);
  const partsB = mainB.split('.').map(Number);
  for (let i = 0; i < 3; i += 1) {
    const diff = (partsA[i] ?? 0) - (partsB[i] ?? 0);
    if (diff !== 0) return Math.sign(diff);
  }
  if (preA === preB) return 0;
  if (preA === undefined) return 1;
  if (preB === undefined) return -1;
  return preA < preB ? -1 : 1;
}

class UpdaterError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

/**
 * Behaves as electron-updater's AppImageUpdater does for what this app uses:
 * reads `<channel>-linux.yml`, offers a newer version (never an older one
 * unless allowDowngrade, never a prerelease unless allowPrerelease), downloads
 * in chunks with progress, checks the sha512 the feed gave, and only then says
 * the update was downloaded. Errors are emitted and thrown, as it does.
 */
export class FakeAutoUpdater extends EventEmitter implements Updater {
  autoDownload = true;
  autoInstallOnAppQuit = true;
  allowPrerelease = false;
  allowDowngrade = false;
  channel: string | null = null;
  readonly installs: { isSilent?: boolean; isForceRunAfter?: boolean }[] = [];
  private found: { version: string; path: string; sha512: string } | null = null;

  constructor(
    private readonly feedUrl: string,
    private readonly currentVersion: string,
  ) {
    super();
  }

  private fail(error: UpdaterError): never {
    this.emit('error', error);
    throw error;
  }

  async checkForUpdates(): Promise<unknown> {
    this.emit('checking-for-update');
    const channelFile = `${this.channel ?? 'latest'}-linux.yml`;
    let response: { status: number; body: Buffer };
    try {
      response = await download(`${this.feedUrl}/${channelFile}`);
    } catch {
      this.fail(new UpdaterError('net::ERR_CONNECTION_REFUSED', 'ECONNREFUSED'));
    }
    if (response.status === 404) {
      this.fail(
        new UpdaterError(
          `Cannot find ${channelFile} in the latest release artifacts`,
          'ERR_UPDATER_CHANNEL_FILE_NOT_FOUND',
        ),
      );
    }
    const yaml = response.body.toString('utf8');
    const version = field(yaml, 'version') ?? '';
    const path = field(yaml, 'path') ?? '';
    const sha512 = field(yaml, 'sha512') ?? '';
    const isPrerelease = version.includes('-');
    const newer = compareVersions(version, this.currentVersion) > 0;
    if (
      (!newer && !this.allowDowngrade) ||
      (isPrerelease && !this.allowPrerelease) ||
      version === this.currentVersion
    ) {
      this.found = null;
      this.emit('update-not-available', { version });
      return { updateInfo: { version } };
    }
    this.found = { version, path, sha512 };
    this.emit('update-available', { version });
    if (this.autoDownload) await this.downloadUpdate();
    return { updateInfo: { version } };
  }

  async downloadUpdate(): Promise<unknown> {
    const found = this.found;
    if (found === null) throw new UpdaterError('Please check update first', 'ERR_UPDATER_INVALID_STATE');
    let response: { status: number; body: Buffer };
    try {
      response = await download(`${this.feedUrl}/${found.path}`);
    } catch {
      this.fail(new UpdaterError('net::ERR_CONNECTION_REFUSED', 'ECONNREFUSED'));
    }
    const { body } = response;
    const total = body.length;
    const hash = createHash('sha512');
    let transferred = 0;
    // Progress as electron-updater reports it while the bytes arrive, a slice at a time.
    for (let offset = 0; offset < body.length; offset += 64 * 1024) {
      const slice = body.subarray(offset, offset + 64 * 1024);
      hash.update(slice);
      transferred += slice.length;
      this.emit('download-progress', { transferred, total, percent: (transferred / total) * 100 });
    }
    const actual = hash.digest('base64');
    if (actual !== found.sha512) {
      this.fail(
        new UpdaterError(`sha512 checksum mismatch, expected ${found.sha512}, got ${actual}`, 'ERR_CHECKSUM_MISMATCH'),
      );
    }
    this.emit('update-downloaded', { version: found.version });
    return [`/tmp/${found.path}`];
  }

  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void {
    this.installs.push({
      ...(isSilent !== undefined ? { isSilent } : {}),
      ...(isForceRunAfter !== undefined ? { isForceRunAfter } : {}),
    });
  }
}
