import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface RunningServer {
  url: string;
  port: number;
  dataDir: string;
  /** Stops the server (as a power cut or a network loss looks to the app). */
  stop(): Promise<void>;
  /** Starts it again on the same port and data, after stop(). */
  restart(): Promise<void>;
  /** Stops it and removes its data. */
  dispose(): Promise<void>;
}

const repoRoot = resolve(import.meta.dirname, '../..');

function launch(args: string[]): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...args], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start:\n${output}`)), 90_000);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /listening on (http:\/\/\S+)/u.exec(output);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolvePromise({ child, url: match[1] });
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited with ${code}:\n${output}`));
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((done) => {
    if (child.exitCode !== null) return done();
    child.once('exit', () => done());
    child.kill('SIGTERM');
  });
}

/** The reference server exactly as `npm run server` runs it: embedded PostgreSQL, the demo seed. */
export async function startServerProcess(): Promise<RunningServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'cb-e2e-server-'));
  let { child, url } = await launch(['--port', '0', '--data', dataDir, '--seed', 'demo']);
  const port = Number(new URL(url).port);
  return {
    url,
    port,
    dataDir,
    stop: () => stopChild(child),
    restart: async () => {
      ({ child, url } = await launch(['--port', String(port), '--data', dataDir]));
    },
    dispose: async () => {
      await stopChild(child);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
