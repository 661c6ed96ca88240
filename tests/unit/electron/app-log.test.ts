import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppLog, LOG_FILE, LOG_MAX_BYTES, redact } from '../../../src/main/desktop/app-log';
import { makeTempDir } from '../../support/temp-dir';

const JWT =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';
const SESSION_TOKEN = 'cbs_4fZq9Lx2Vb7Nw1Tr8Ky3Hd6Mj0Pa5Gc';
const SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

describe('redact', () => {
  it.each([
    ['a bearer header', `authorization: Bearer ${SESSION_TOKEN}`, SESSION_TOKEN],
    ['basic credentials', 'Authorization: Basic dXNlcjpwYXNz', 'dXNlcjpwYXNz'],
    ['a JWT anywhere', `refresh failed for ${JWT}`, JWT],
    ['a token field in JSON', `{"token":"${SESSION_TOKEN}","user":"u1"}`, SESSION_TOKEN],
    ['a short token field', '{"token":"abc"}', 'abc'],
    ['a password field', '{"email":"a@b.org","password":"hunter2"}', 'hunter2'],
    ['a refresh token field', '{"refreshToken":"r-1"}', 'r-1'],
    ['a token in a query string', 'GET /api/files?token=abc123&x=1', 'abc123'],
    ['a token= pair in a message', 'refused token=xyz (expired)', 'xyz'],
    ['a post body', '{"name":"createPost","args":{"body":"Meet me at 5, my number is 555-0100"}}', 'Meet me at 5'],
    ['a post text with escapes', '{"text":"She said \\"hello\\" and left"}', 'She said'],
    ['a title', '{"title":"A private matter"}', 'A private matter'],
    ['a long random key', `key ${SESSION_TOKEN}`, SESSION_TOKEN],
  ])('removes %s', (_label, line, secret) => {
    const cleaned = redact(line);
    expect(cleaned).not.toContain(secret);
    expect(cleaned).toContain('[redacted]');
  });

  it.each([
    ['a plain event', 'renderer gone: crashed (exit code 139)'],
    ['a file hash', `download done ${SHA256}`],
    ['a uuid', 'opened thread 0b8f4a52-5a34-4c64-9b55-0c8b3f3f0001'],
    ['an error code', 'update failed (offline): Error'],
  ])('keeps %s as it is', (_label, line) => {
    expect(redact(line)).toBe(line);
  });
});

describe('createAppLog', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ dir, cleanup } = await makeTempDir());
  });
  afterEach(() => cleanup());

  it('writes to logs/main.log in the user data folder, redacted, errors with their stack', async () => {
    const log = createAppLog({ userData: dir, appName: 'Collective Brain' });
    expect(log.dir).toBe(join(dir, 'logs'));
    log.info('started');
    log.error('[sync.push] failed', new Error(`server answered {"token":"${SESSION_TOKEN}"}`));
    const text = await readFile(join(dir, 'logs', LOG_FILE), 'utf8');
    expect(text).toContain('[info]  started');
    expect(text).toContain('[sync.push] failed Error: server answered {"token":"[redacted]"}');
    expect(text).toContain('app-log.test.ts');
    expect(text).not.toContain(SESSION_TOKEN);
  });

  it('rotates: past the size limit the file becomes main.old.log and a new one starts', async () => {
    const log = createAppLog({ userData: dir, appName: 'Collective Brain' });
    const line = 'x'.repeat(10_000);
    for (let i = 0; i * line.length < LOG_MAX_BYTES * 1.5; i += 1) log.info(`${String(i)} ${line}`);
    const files = (await readdir(join(dir, 'logs'))).sort();
    expect(files).toEqual(['main.log', 'main.old.log']);
    const current = await readFile(join(dir, 'logs', 'main.log'), 'utf8');
    expect(current.length).toBeLessThan(LOG_MAX_BYTES);
  });
});
