import { stat } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { net, protocol } from 'electron';
import { APP_HOST, APP_SCHEME, FILE_HOST, FILE_SCHEME, resolveInside } from '../security/app-origin';
import { RENDERER_CSP } from '../security/csp';

/** Must run before `app.whenReady()`: the scheme behaves like https (standard, secure, fetch). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
    { scheme: FILE_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
  ]);
}

/**
 * Serves downloaded documents on cbfile://blob/<sha256>: only a verified
 * blob of the store, looked up by its hash, never a path the page names.
 */
export function handleFileProtocol(store: {
  pathOf(sha256: string): string | undefined;
  mimeOf(sha256: string): string | undefined;
}): void {
  protocol.handle(FILE_SCHEME, async (request) => {
    const url = new URL(request.url);
    const sha256 = url.pathname.replace(/^\//u, '');
    const path = url.host === FILE_HOST ? store.pathOf(sha256) : undefined;
    if (path === undefined) return new Response(null, { status: 404 });
    const upstream = await net.fetch(pathToFileURL(path).href);
    const headers = new Headers(upstream.headers);
    headers.set('content-type', store.mimeOf(sha256) ?? 'application/octet-stream');
    headers.set('x-content-type-options', 'nosniff');
    // A stored file is a document, never a page of the app: opened as one, it runs no script and reaches no origin.
    headers.set('content-security-policy', 'sandbox');
    return new Response(upstream.body, { status: upstream.status, headers });
  });
}

/** Serves the built renderer from `rendererDir` on app://bundle/, never a path outside it. */
export function handleAppProtocol(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return new Response(null, { status: 404 });
    const file = resolveInside(rendererDir, url.pathname === '/' ? '/index.html' : url.pathname);
    if (file === undefined) return new Response(null, { status: 403 });
    // Only regular files: a missing file or a folder is a plain 404, not a failed load or a listing.
    if (!(await isFile(file))) return new Response(null, { status: 404 });
    const upstream = await net.fetch(pathToFileURL(file).href);
    const headers = new Headers(upstream.headers);
    headers.set('content-security-policy', RENDERER_CSP);
    headers.set('x-content-type-options', 'nosniff');
    return new Response(upstream.body, { status: upstream.status, headers });
  });
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
