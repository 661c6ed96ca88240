/**
 * Benchmarks of the reference server (not part of npm test):
 *   npx tsx server/bench/sync-bench.ts [--posts 100000] [--concurrency 200] [--seconds 10] [--live 1000,5000,10000]
 * The server runs in a child process (embedded PostgreSQL, synthetic seed);
 * this process is the client. Figures go to stdout as a Markdown table.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';

const { values } = parseArgs({
  options: {
    posts: { type: 'string', default: '100000' },
    concurrency: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '10' },
    live: { type: 'string', default: '1000,5000,10000' },
  },
});
const POSTS = Number(values.posts);
const CONCURRENCY = Number(values.concurrency);
const SECONDS = Number(values.seconds);
const LIVE_LEVELS = values.live.split(',').map(Number);

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });

function call(
  base: string,
  method: string,
  route: string,
  headers: Record<string, string>,
  body?: string,
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      new URL(route, base),
      { method, headers: { 'x-protocol': '1', ...headers }, agent },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function startChild(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'server/cli.ts', '--port', '0', '--data', dataDir, '--seed', `synthetic:${POSTS}`],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/\S+)/u.exec(out);
      if (match?.[1] !== undefined) resolve(match[1]);
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code ?? 'signal'}`)));
  });
  return { child, url };
}

async function rssMb(pid: number | undefined): Promise<number> {
  if (pid === undefined) return NaN;
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/u.exec(status)?.[1] ?? NaN) / 1024;
}

interface PullStats {
  changes: number;
  pages: number;
  seconds: number;
  jsonBytes: number;
  wireBytes: number;
  cursor: string;
}

async function fullPull(base: string, token: string, encoding: 'identity' | 'gzip'): Promise<PullStats> {
  const started = performance.now();
  let cursor = '';
  let changes = 0;
  let pages = 0;
  let jsonBytes = 0;
  let wireBytes = 0;
  for (;;) {
    const reply = await call(base, 'GET', `/api/sync/pull?limit=1000&cursor=${encodeURIComponent(cursor)}`, {
      authorization: `Bearer ${token}`,
      'accept-encoding': encoding,
    });
    if (reply.status !== 200) throw new Error(`pull ${reply.status}: ${reply.body.toString()}`);
    const json = reply.headers['content-encoding'] === 'gzip' ? gunzipSync(reply.body) : reply.body;
    const page = JSON.parse(json.toString('utf8')) as { changes: unknown[]; cursor: string; hasMore: boolean };
    changes += page.changes.length;
    pages += 1;
    jsonBytes += json.length;
    wireBytes += reply.body.length;
    cursor = page.cursor;
    if (!page.hasMore) break;
  }
  return { changes, pages, seconds: (performance.now() - started) / 1000, jsonBytes, wireBytes, cursor };
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function upToDateLatency(
  base: string,
  token: string,
  cursor: string,
): Promise<{ p50: number; p95: number; p99: number; rps: number; errors: number }> {
  const latencies: number[] = [];
  let errors = 0;
  const deadline = performance.now() + SECONDS * 1000;
  const route = `/api/sync/pull?cursor=${encodeURIComponent(cursor)}`;
  const worker = async (): Promise<void> => {
    while (performance.now() < deadline) {
      const started = performance.now();
      const reply = await call(base, 'GET', route, { authorization: `Bearer ${token}` });
      latencies.push(performance.now() - started);
      if (reply.status !== 200) errors += 1;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    rps: latencies.length / elapsed,
    errors,
  };
}

interface LiveStream {
  seen: number;
  request: http.ClientRequest;
}

function openLive(base: string, token: string, onEvent: () => void): Promise<LiveStream> {
  return new Promise((resolve, reject) => {
    const stream: LiveStream = { seen: 0, request: undefined as unknown as http.ClientRequest };
    stream.request = http.get(
      new URL('/api/sync/live', base),
      { headers: { 'x-protocol': '1', authorization: `Bearer ${token}` }, agent: false },
      (res) => {
        if (res.statusCode !== 200) {
          reject(new Error(`live ${res.statusCode ?? 0}`));
          return;
        }
        let buffer = '';
        res.on('data', (chunk: Buffer) => {
          buffer += chunk.toString();
          let index: number;
          while ((index = buffer.indexOf('\n\n')) >= 0) {
            const event = buffer.slice(0, index);
            buffer = buffer.slice(index + 2);
            if (event.includes('event: changes')) {
              stream.seen += 1;
              if (stream.seen === 1) resolve(stream);
              else onEvent();
            }
          }
        });
        res.on('error', () => undefined);
      },
    );
    stream.request.on('error', reject);
  });
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'cb-bench-'));
  const startedAt = performance.now();
  const { child, url } = await startChild(dataDir);
  const startup = (performance.now() - startedAt) / 1000;
  const results: string[] = [];
  try {
    const login = await call(
      url,
      'POST',
      '/api/auth/login',
      { 'content-type': 'application/json' },
      JSON.stringify({ email: 'user0@synthetic.example.org', password: 'collective-brain' }),
    );
    const token = (JSON.parse(login.body.toString()) as { token: string }).token;
    results.push(`| Start with embedded PostgreSQL + seed synthetic:${POSTS} | ${startup.toFixed(1)} s |`);

    for (const encoding of ['identity', 'gzip'] as const) {
      const stats = await fullPull(url, token, encoding);
      results.push(
        `| Full pull (${encoding}), ${stats.changes} changes in ${stats.pages} pages | ${stats.seconds.toFixed(2)} s: ` +
          `${Math.round(stats.changes / stats.seconds)} changes/s, ${(stats.jsonBytes / 1e6 / stats.seconds).toFixed(1)} MB/s of JSON ` +
          `(${(stats.jsonBytes / 1e6).toFixed(1)} MB JSON, ${(stats.wireBytes / 1e6).toFixed(1)} MB on the wire) |`,
      );
    }
    const { cursor } = await fullPull(url, token, 'gzip');
    const latency = await upToDateLatency(url, token, cursor);
    results.push(
      `| Up-to-date pull, ${CONCURRENCY} concurrent connections, ${SECONDS} s | p50 ${latency.p50.toFixed(1)} ms, p95 ${latency.p95.toFixed(1)} ms, ` +
        `p99 ${latency.p99.toFixed(1)} ms, ${Math.round(latency.rps)} req/s, ${latency.errors} errors |`,
    );

    const streams: LiveStream[] = [];
    let delivered = 0;
    const baseRss = await rssMb(child.pid);
    for (const level of LIVE_LEVELS) {
      try {
        while (streams.length < level) {
          const batch = Math.min(250, level - streams.length);
          streams.push(
            ...(await Promise.all(Array.from({ length: batch }, () => openLive(url, token, () => (delivered += 1))))),
          );
        }
      } catch (error) {
        results.push(
          `| Live (SSE) streams: opening failed at ${streams.length} | ${error instanceof Error ? error.message : String(error)} |`,
        );
        break;
      }
      delivered = 0;
      const pushedAt = performance.now();
      await call(
        url,
        'POST',
        '/api/sync/push',
        { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        JSON.stringify({
          clientId: 'bench',
          mutations: [{ id: randomUUID(), name: 'profile.update', args: { displayName: `Bench ${level}` } }],
        }),
      );
      while (delivered < streams.length && performance.now() - pushedAt < 30_000)
        await new Promise((r) => setTimeout(r, 5));
      const fanout = performance.now() - pushedAt;
      const rss = await rssMb(child.pid);
      results.push(
        `| Live (SSE): ${streams.length} open streams | event delivered to ${delivered}/${streams.length} in ${fanout.toFixed(0)} ms; ` +
          `server RSS ${rss.toFixed(0)} MB (+${(((rss - baseRss) * 1024) / streams.length).toFixed(1)} KB/stream) |`,
      );
    }
    for (const stream of streams) stream.request.destroy();
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    agent.destroy();
    await rm(dataDir, { recursive: true, force: true });
  }
  process.stdout.write(`| Measure | Result |\n|---|---|\n${results.join('\n')}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
