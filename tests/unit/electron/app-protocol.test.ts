/**
 * The app:// handler serves the built renderer from its folder and nothing
 * outside it, whatever the request path says.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { handleAppProtocol, handleFileProtocol, registerAppScheme } from '../../../src/main/shell/app-protocol';
import { RENDERER_CSP } from '../../../src/main/security/csp';
import { app, resetFakeElectron } from './fake-electron';

// Hoisted with vi.mock above every import, so the fake exists before the shell imports electron.
const { fakeElectron } = await vi.hoisted(() => import('./fake-electron'));
vi.mock('electron', () => fakeElectron);

let root: string;
let rendererDir: string;
const INDEX_HTML = '<!doctype html><title>Collective Brain</title>';
const SCRIPT = 'console.log("app");';

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'cb-protocol-'));
  rendererDir = join(root, 'renderer');
  await mkdir(join(rendererDir, 'assets'), { recursive: true });
  await writeFile(join(rendererDir, 'index.html'), INDEX_HTML);
  await writeFile(join(rendererDir, 'assets', 'index-abc.js'), SCRIPT);
  // Something the renderer must never reach: a sibling of its folder.
  await writeFile(join(root, 'secret.txt'), 'top secret');
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

beforeEach(() => {
  resetFakeElectron();
});

async function get(url: string): Promise<Response> {
  if (!fakeElectron.protocol.handlers.has('app')) handleAppProtocol(rendererDir);
  const handler = fakeElectron.protocol.handlers.get('app');
  if (handler === undefined) throw new Error('app: is not handled');
  return await handler(new Request(url));
}

describe('registerAppScheme', () => {
  it('makes app: a standard, secure scheme that supports fetch', () => {
    registerAppScheme();
    expect(fakeElectron.protocol.privileged).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
      { scheme: 'cbfile', privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
    ]);
  });

  it('cannot be done once the app is ready (so the entry must do it first)', () => {
    app.becomeReady();
    expect(() => registerAppScheme()).toThrow(/before app is ready/u);
  });
});

describe('handleAppProtocol', () => {
  it('serves index.html from the renderer folder, with the CSP and nosniff headers', async () => {
    const response = await get('app://bundle/index.html');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(INDEX_HTML);
    expect(response.headers.get('content-security-policy')).toBe(RENDERER_CSP);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves index.html for the bare origin and nested assets by path', async () => {
    expect(await (await get('app://bundle/')).text()).toBe(INDEX_HTML);
    expect(await (await get('app://bundle/assets/index-abc.js')).text()).toBe(SCRIPT);
  });

  it.each([
    'app://bundle/..%2f..%2fetc%2fpasswd',
    'app://bundle/..%2fsecret.txt',
    'app://bundle/%2e%2e%2fsecret.txt',
    'app://bundle/assets/..%2f..%2fsecret.txt',
    'app://bundle/..%5csecret.txt',
    'app://bundle/%2fetc%2fpasswd/..%2f..%2f..%2fetc%2fpasswd',
    'app://bundle/index.html%00.js',
    'app://bundle/%E0%A4%A',
  ])('refuses %s', async (url) => {
    const response = await get(url);
    expect([403, 404]).toContain(response.status);
    expect(await response.text()).not.toContain('top secret');
  });

  it('answers only for the bundle host', async () => {
    expect((await get('app://evil/index.html')).status).toBe(404);
    expect((await get('app://bundle.evil/index.html')).status).toBe(404);
  });

  it('answers 404 for a file that is not there, or a folder, instead of failing the request', async () => {
    expect((await get('app://bundle/missing.js')).status).toBe(404);
    expect((await get('app://bundle/assets')).status).toBe(404);
    expect((await get('app://bundle/assets/')).status).toBe(404);
  });
});

describe('handleFileProtocol', () => {
  const stored = 'a'.repeat(64);
  async function getFile(url: string): Promise<Response> {
    const blob = join(root, 'blob.pdf');
    await writeFile(blob, '%PDF-1.4 test');
    if (!fakeElectron.protocol.handlers.has('cbfile')) {
      handleFileProtocol({
        pathOf: (sha256) => (sha256 === stored ? blob : undefined),
        mimeOf: (sha256) => (sha256 === stored ? 'application/pdf' : undefined),
      });
    }
    const handler = fakeElectron.protocol.handlers.get('cbfile');
    if (handler === undefined) throw new Error('cbfile: is not handled');
    return await handler(new Request(url));
  }

  it('serves a stored document by its hash, with its media type', async () => {
    const response = await getFile(`cbfile://blob/${stored}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    // Opened as a page, a stored file runs no script and reaches no origin.
    expect(response.headers.get('content-security-policy')).toBe('sandbox');
    expect(await response.text()).toBe('%PDF-1.4 test');
  });

  it.each([
    `cbfile://blob/${'b'.repeat(64)}`,
    'cbfile://blob/..%2fsecret.txt',
    `cbfile://other/${'a'.repeat(64)}`,
    'cbfile://blob/',
  ])('answers 404 for %s', async (url) => {
    const response = await getFile(url);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('top secret');
  });
});
