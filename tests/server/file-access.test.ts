import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MutationResult, UploadResponse, WireError } from '../../src/shared/wire';
import { DEMO, manualClock, startTestCluster, type TestCluster, type TestServer } from './harness';

/**
 * Uploads are private to whoever sent them until something published
 * references them; they are served so that no upload can act as a page of
 * the server; each account has a quota; and what nothing references is
 * collected after a grace period.
 */
let cluster: TestCluster;
let server: TestServer;
const clock = manualClock();
const GRACE = 3600;
const QUOTA = 40_000;
let facilitator: string;
let admin: string;
let participant: string;
let threadId: string;

beforeAll(async () => {
  cluster = await startTestCluster();
  server = await cluster.server({
    seed: 'demo',
    now: clock.now,
    limits: { uploadGraceSeconds: GRACE, uploadQuotaBytes: QUOTA, tokenTtlSeconds: 24 * 3600 },
  });
  [facilitator, admin, participant] = await Promise.all([
    server.api.login(DEMO.facilitator),
    server.api.login(DEMO.admin),
    server.api.login(DEMO.participant),
  ]);
  const [thread] = await server.sql<{ id: string }>(
    "SELECT id FROM entities WHERE type = 'thread' AND NOT deleted AND NOT (data->>'locked')::boolean LIMIT 1",
  );
  threadId = thread?.id ?? '';
});
afterAll(async () => {
  await cluster.stop();
});

function bytes(size: number): { body: Buffer; sha: string } {
  const body = randomBytes(size);
  return { body, sha: createHash('sha256').update(body).digest('hex') };
}

function upload(token: string, file: { body: Buffer; sha: string }, type = 'application/pdf') {
  return server.api.request<UploadResponse & WireError>('POST', '/api/files', {
    token,
    raw: file.body,
    headers: { 'content-type': type, 'x-content-sha256': file.sha },
  });
}

const fetchFile = (token: string, sha: string) => server.api.request('GET', `/api/files/${sha}`, { token });

async function apply(token: string, name: string, args: unknown): Promise<MutationResult> {
  const response = await server.api.push(token, randomUUID(), [{ id: randomUUID(), name, args }]);
  const result = response.body.results[0];
  if (result === undefined) throw new Error(response.text);
  return result;
}

const attach = (token: string, sha: string) =>
  apply(token, 'post.create', { id: randomUUID(), threadId, body: 'See attached', language: 'en', attachments: [sha] });

const publishAsDocument = (token: string, sha: string) =>
  apply(token, 'document.create', {
    id: randomUUID(),
    type: 'publication',
    title: { en: 'Report' },
    variants: [{ language: 'en', sha256: sha }],
  });

describe('unpublished uploads', () => {
  it('are fetched and referenced by their uploader only, until something published references them', async () => {
    const file = bytes(2000);
    expect((await upload(facilitator, file)).status).toBe(201);
    // Another signed-in user learns nothing: the same answer as a file that does not exist.
    expect((await fetchFile(participant, file.sha)).status).toBe(404);
    expect((await fetchFile(admin, file.sha)).status).toBe(404);
    // Nobody else can publish it, in a post or as a document.
    expect(await attach(participant, file.sha)).toMatchObject({ status: 'rejected', code: 'file-missing' });
    expect(await publishAsDocument(admin, file.sha)).toMatchObject({ status: 'rejected', code: 'file-missing' });
    expect((await fetchFile(participant, file.sha)).status).toBe(404);

    expect((await fetchFile(facilitator, file.sha)).status).toBe(200);
    expect(await publishAsDocument(facilitator, file.sha)).toMatchObject({ status: 'applied' });
    // Published: every reader may fetch it, and anyone may attach it.
    expect((await fetchFile(participant, file.sha)).status).toBe(200);
    expect(await attach(participant, file.sha)).toMatchObject({ status: 'applied' });
  });

  it('may be referenced by anyone who sent the same bytes', async () => {
    const file = bytes(1500);
    await upload(facilitator, file);
    expect((await upload(admin, file)).status).toBe(200);
    expect((await fetchFile(admin, file.sha)).status).toBe(200);
    expect(await attach(admin, file.sha)).toMatchObject({ status: 'applied' });
  });
});

describe('serving', () => {
  it('never serves an upload as a page: nosniff, a sandbox CSP, and a download for anything not safe in place', async () => {
    const pdf = bytes(800);
    await upload(facilitator, pdf);
    const shown = await fetchFile(facilitator, pdf.sha);
    expect(shown.headers.get('content-type')).toBe('application/pdf');
    expect(shown.headers.get('x-content-type-options')).toBe('nosniff');
    expect(shown.headers.get('content-security-policy')).toMatch(/^sandbox/u);
    expect(shown.headers.get('content-disposition')).toMatch(/^inline/u);

    const page = Buffer.from('<script>alert(document.domain)</script>');
    const html = { body: page, sha: createHash('sha256').update(page).digest('hex') };
    const stored = await upload(facilitator, html, 'text/html');
    expect(stored.status).toBe(201);
    expect(stored.body.mime).toBe('application/octet-stream');
    const served = await fetchFile(facilitator, html.sha);
    expect(served.headers.get('content-type')).toBe('application/octet-stream');
    expect(served.headers.get('content-disposition')).toMatch(/^attachment/u);
    expect(served.headers.get('content-security-policy')).toMatch(/^sandbox/u);
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');

    const svg = bytes(300);
    expect((await upload(facilitator, svg, 'image/svg+xml')).body.mime).toBe('application/octet-stream');
  });
});

describe('quota', () => {
  it('refuses an upload past the account’s quota with a named code, counting each file once', async () => {
    const used = await server.sql<{ bytes: number }>(
      `SELECT coalesce(sum(f.size), 0)::int AS bytes FROM file_uploads u JOIN files f USING (sha256)
        JOIN users s ON s.id = u.user_id WHERE s.email = $1`,
      [DEMO.admin],
    );
    const room = QUOTA - (used[0]?.bytes ?? 0);
    const first = bytes(Math.floor(room / 2));
    expect((await upload(admin, first)).status).toBe(201);
    // Sending the same file again costs nothing.
    expect((await upload(admin, first)).status).toBe(200);
    const over = await upload(admin, bytes(room - first.body.length + 1));
    expect(over.status).toBe(413);
    expect(over.body.code).toBe('quota-exceeded');
    expect((await upload(admin, bytes(room - first.body.length))).status).toBe(201);
  });
});

describe('collector', () => {
  it('removes, after the grace period, uploads that nothing references, and keeps the rest', async () => {
    const orphan = bytes(900);
    const attached = bytes(901);
    const deletedWithItsPost = bytes(902);
    for (const file of [orphan, attached, deletedWithItsPost]) await upload(facilitator, file);
    expect(await attach(facilitator, attached.sha)).toMatchObject({ status: 'applied' });
    const postId = randomUUID();
    expect(
      await apply(facilitator, 'post.create', {
        id: postId,
        threadId,
        body: 'Soon gone',
        language: 'en',
        attachments: [deletedWithItsPost.sha],
      }),
    ).toMatchObject({ status: 'applied' });
    expect(await apply(facilitator, 'post.delete', { id: postId })).toMatchObject({ status: 'applied' });

    // Within the grace period nothing goes: a session's files may wait weeks for it to be published.
    await server.housekeeping();
    for (const file of [orphan, attached, deletedWithItsPost]) {
      expect((await fetchFile(facilitator, file.sha)).status).toBe(200);
    }
    clock.advance(GRACE + 1);
    const fresh = bytes(903);
    await upload(facilitator, fresh);
    await server.housekeeping();
    expect((await fetchFile(facilitator, orphan.sha)).status).toBe(404);
    expect((await fetchFile(facilitator, deletedWithItsPost.sha)).status).toBe(404);
    expect((await fetchFile(participant, attached.sha)).status).toBe(200);
    expect((await fetchFile(facilitator, fresh.sha)).status).toBe(200);
    const rows = await server.sql('SELECT 1 FROM files WHERE sha256 = ANY($1::text[])', [
      [orphan.sha, deletedWithItsPost.sha],
    ]);
    expect(rows).toHaveLength(0);
    // Seeded documents' files are referenced: they stay.
    const seeded = await server.sql<{ n: number }>('SELECT count(*)::int AS n FROM files WHERE uploaded_by IS NULL');
    expect(seeded[0]?.n).toBeGreaterThan(0);
  });
});
