import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../server/index';
import { ApiClient, DEMO, startTestCluster, type TestCluster } from './harness';

const root = path.resolve(import.meta.dirname, '../..');

async function runCli(dataDir: string): Promise<{ url: string; stop: () => Promise<number | null> }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'server/cli.ts', '--port', '0', '--data', dataDir, '--seed', 'demo'],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/u.exec(out);
      if (match?.[1] !== undefined) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`cli exited ${code ?? 'by signal'}: ${stderr}`)));
  });
  return {
    url,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', (code) => resolve(code));
        child.kill('SIGTERM');
      }),
  };
}

describe('CLI', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'cb-cli-test-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('print its URL, serve the demo, stop PostgreSQL cleanly on SIGTERM, and restart on the same data', async () => {
    const first = await runCli(dataDir);
    const api = new ApiClient(first.url);
    expect((await api.request('GET', '/api/health', { protocol: null })).status).toBe(200);
    const token = await api.login(DEMO.admin);
    expect(token.length).toBeGreaterThan(20);
    expect(existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(true);
    expect(await first.stop()).toBe(0);
    // A clean shutdown removes the postmaster's pid file.
    expect(existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);

    const second = await runCli(dataDir);
    const again = new ApiClient(second.url);
    const pull = await again.request<{ changes: unknown[] }>('GET', '/api/sync/pull?limit=1000', {
      token: await again.login(DEMO.participant),
    });
    expect(pull.body.changes.length).toBeGreaterThan(100);
    expect(await second.stop()).toBe(0);
  });
});

describe('several instances on one database', () => {
  let cluster: TestCluster;
  beforeAll(async () => {
    cluster = await startTestCluster();
  });
  afterAll(async () => {
    await cluster.stop();
  });

  it('share accounts, the feed and live announcements', async () => {
    const databaseUrl = await cluster.database();
    const dataDir = path.join(cluster.dataDir, 'shared-files');
    const [a, b] = await Promise.all([
      startServer({ port: 0, databaseUrl, dataDir, seed: 'demo' }),
      startServer({ port: 0, databaseUrl, dataDir, seed: 'demo' }),
    ]);
    try {
      const apiA = new ApiClient(a.url);
      const apiB = new ApiClient(b.url);
      const token = await apiA.login(DEMO.participant);
      const live = await fetch(`${b.url}/api/sync/live`, {
        headers: { 'x-protocol': '1', authorization: `Bearer ${token}` },
      });
      const reader = live.body?.getReader();
      if (reader === undefined) throw new Error('no live body');
      const decoder = new TextDecoder();
      let text = '';
      const readUntil = async (count: number): Promise<void> => {
        while ((text.match(/event: changes/gu) ?? []).length < count) {
          const { value } = (await reader.read()) as { value: Uint8Array | undefined };
          text += decoder.decode(value, { stream: true });
        }
      };
      await readUntil(1);
      const page = await apiB.request<{ changes: { type: string; id: string }[] }>('GET', '/api/sync/pull?limit=1000', {
        token,
      });
      const categoryId = page.body.changes.find((change) => change.type === 'category')?.id;
      const threadId = randomUUID();
      const pushed = await apiA.push(token, 'multi', [
        {
          id: 'one',
          name: 'thread.create',
          args: { id: threadId, categoryId, title: 'Across instances', language: 'en' },
        },
      ]);
      expect(pushed.body.results[0]?.status).toBe('applied');
      await readUntil(2);
      const replay = await apiB.push(token, 'multi', [
        {
          id: 'one',
          name: 'thread.create',
          args: { id: threadId, categoryId, title: 'Across instances', language: 'en' },
        },
      ]);
      expect(replay.body).toEqual(pushed.body);
      await reader.cancel();
    } finally {
      await a.close();
      await b.close();
    }
  });
});
