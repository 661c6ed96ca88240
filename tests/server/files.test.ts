import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRange } from '../../server/files/range';
import type { UploadResponse, WireError } from '../../src/shared/wire';
import { DEMO, startTestCluster, type TestCluster, type TestServer } from './harness';

let cluster: TestCluster;
let server: TestServer;
let facilitator: string;
let participant: string;
const blob = randomBytes(10_000);
const sha = createHash('sha256').update(blob).digest('hex');

beforeAll(async () => {
  cluster = await startTestCluster();
  server = await cluster.server({ seed: 'demo', limits: { uploadBytes: 64 * 1024 } });
  facilitator = await server.api.login(DEMO.facilitator);
  participant = await server.api.login(DEMO.participant);
});
afterAll(async () => {
  await cluster.stop();
});

function upload(token: string, body: Uint8Array, hash: string, type = 'application/pdf') {
  return server.api.request<UploadResponse & WireError>('POST', '/api/files', {
    token,
    raw: body,
    headers: { 'content-type': type, 'x-content-sha256': hash },
  });
}

describe('uploads', () => {
  it('store a file once and never overwrite it', async () => {
    const first = await upload(facilitator, blob, sha);
    expect(first.status).toBe(201);
    expect(first.body).toEqual({ sha256: sha, size: blob.length, mime: 'application/pdf', created: true });
    const again = await upload(facilitator, blob, sha, 'text/plain');
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ created: false, mime: 'application/pdf' });
  });

  it('store JSON files as bytes, not parsed bodies', async () => {
    const json = Buffer.from('{"not":"parsed"}');
    const hash = createHash('sha256').update(json).digest('hex');
    expect((await upload(facilitator, json, hash, 'application/json')).status).toBe(201);
    const back = await server.api.request('GET', `/api/files/${hash}`, { token: facilitator });
    expect(back.text).toBe('{"not":"parsed"}');
  });

  it('reject a body whose hash does not match, and keep nothing', async () => {
    const other = randomBytes(500);
    const claimed = createHash('sha256').update('something else').digest('hex');
    const response = await upload(facilitator, other, claimed);
    expect(response.status).toBe(422);
    expect(response.body.code).toBe('hash-mismatch');
    expect((await server.api.request('GET', `/api/files/${claimed}`, { token: participant })).status).toBe(404);
    const actual = createHash('sha256').update(other).digest('hex');
    expect((await server.api.request('GET', `/api/files/${actual}`, { token: participant })).status).toBe(404);
  });

  it('reject files over the size limit, participants, and bad headers', async () => {
    const big = randomBytes(65 * 1024);
    const tooBig = await upload(facilitator, big, createHash('sha256').update(big).digest('hex'));
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.code).toBe('payload-too-large');
    expect((await upload(participant, blob, sha)).body.code).toBe('forbidden');
    expect((await upload(facilitator, blob, 'not-a-hash')).body.code).toBe('invalid');
    expect((await upload(facilitator, blob, sha, 'no slash')).body.code).toBe('unsupported-media-type');
  });
});

// The uploader fetches their own upload (before anything publishes it, only they may: see file-access.test.ts).
describe('downloads', () => {
  it('serve with a strong ETag and immutable caching, and 304 on a match', async () => {
    const full = await server.api.request('GET', `/api/files/${sha}`, { token: facilitator });
    expect(full.status).toBe(200);
    expect(full.headers.get('etag')).toBe(`"${sha}"`);
    expect(full.headers.get('cache-control')).toContain('immutable');
    expect(full.headers.get('accept-ranges')).toBe('bytes');
    expect(full.headers.get('content-type')).toBe('application/pdf');
    const cached = await server.api.request('GET', `/api/files/${sha}`, {
      token: facilitator,
      headers: { 'if-none-match': `"${sha}"` },
    });
    expect(cached.status).toBe(304);
  });

  it('serve byte ranges with 206, and 416 outside the file', async () => {
    const fetchRange = async (range: string, extra: Record<string, string> = {}) => {
      const response = await fetch(`${server.url}/api/files/${sha}`, {
        headers: { 'x-protocol': '1', authorization: `Bearer ${facilitator}`, range, ...extra },
      });
      return { status: response.status, headers: response.headers, body: Buffer.from(await response.arrayBuffer()) };
    };
    const middle = await fetchRange('bytes=100-199');
    expect(middle.status).toBe(206);
    expect(middle.headers.get('content-range')).toBe(`bytes 100-199/${blob.length}`);
    expect(middle.body.equals(blob.subarray(100, 200))).toBe(true);
    const tail = await fetchRange('bytes=9000-');
    expect(tail.body.equals(blob.subarray(9000))).toBe(true);
    const suffix = await fetchRange('bytes=-10');
    expect(suffix.body.equals(blob.subarray(-10))).toBe(true);
    const outside = await fetchRange('bytes=20000-');
    expect(outside.status).toBe(416);
    expect(outside.headers.get('content-range')).toBe(`bytes */${blob.length}`);
    const staleIfRange = await fetchRange('bytes=0-9', { 'if-range': '"other"' });
    expect(staleIfRange.status).toBe(200);
    expect(staleIfRange.body.length).toBe(blob.length);
  });

  it('require a session and answer unknown or malformed ids', async () => {
    expect((await server.api.request('GET', `/api/files/${sha}`)).status).toBe(401);
    expect((await server.api.request('GET', `/api/files/${'0'.repeat(64)}`, { token: participant })).status).toBe(404);
    const traversal = await server.api.request<WireError>('GET', '/api/files/..%2F..%2Fetc%2Fpasswd', {
      token: participant,
    });
    expect(traversal.status).toBe(400);
  });
});

describe('parseRange', () => {
  it.each([
    [undefined, { kind: 'whole' }],
    ['bytes=0-0', { kind: 'partial', start: 0, end: 0 }],
    ['bytes=5-', { kind: 'partial', start: 5, end: 99 }],
    ['bytes=-5', { kind: 'partial', start: 95, end: 99 }],
    ['bytes=-500', { kind: 'partial', start: 0, end: 99 }],
    ['bytes=90-500', { kind: 'partial', start: 90, end: 99 }],
    ['bytes=100-', { kind: 'unsatisfiable' }],
    ['bytes=10-5', { kind: 'unsatisfiable' }],
    ['bytes=-0', { kind: 'unsatisfiable' }],
    ['bytes=0-1,5-6', { kind: 'whole' }],
    ['items=0-1', { kind: 'whole' }],
    ['bytes=-', { kind: 'whole' }],
    ['bytes=99999999999999999999-', { kind: 'whole' }],
  ])('%s', (header, expected) => {
    expect(parseRange(header, 100)).toEqual(expected);
  });
});
