import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

export interface RunningWebHost {
  /** The address printed for the user, with the launch secret. */
  launchUrl: string;
  origin: string;
  stop(): Promise<void>;
}

const repoRoot = resolve(import.meta.dirname, '../..');

/**
 * Starts browser mode exactly as `npm run start:web` does (the real CLI in a
 * child process, on a free port) and reads the address it prints.
 */
export function startWebHost(profileDir: string, extraArgs: string[] = []): Promise<RunningWebHost> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/main/web/cli.ts', '--port', '0', '--profile', profileDir, ...extraArgs],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LANG: 'en_US.UTF-8', LANGUAGE: 'en' } },
  );
  let output = '';
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`browser mode did not start:\n${output}`)), 90_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      const match = /Open this address in your browser: (http:\/\/127\.0\.0\.1:\d+\/#secret=\S+)/u.exec(output);
      if (match?.[1] === undefined) return;
      clearTimeout(timer);
      const launchUrl = match[1];
      resolvePromise({
        launchUrl,
        origin: new URL(launchUrl).origin,
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`browser mode exited with ${code}:\n${output}`));
    });
  });
}
