#!/usr/bin/env node
/**
 * `npm start` / `npm run start:web` (after the build): starts the reference
 * server with demo content on an embedded database, then opens the app on it:
 * the Electron desktop app, or with --web the browser mode.
 *
 *   node scripts/start.mjs [--web] [--port 5273] [--profile DIR] [--server URL]
 *
 * With --server the app uses that server and no demo server is started.
 * Electron downloads its binary on first launch; where that cannot happen,
 * `npm run start:web` runs the same app in a browser.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const root = resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const children = [];

const { values } = parseArgs({
  options: {
    web: { type: 'boolean', default: false },
    port: { type: 'string' },
    profile: { type: 'string' },
    server: { type: 'string' },
  },
  strict: true,
});

function stopAll(code) {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  process.exitCode = code;
}
process.once('SIGINT', () => stopAll(0));
process.once('SIGTERM', () => stopAll(0));

/** Starts `npm run server -- --seed demo` and resolves with the URL it prints. */
function startDemoServer() {
  // PostgreSQL never runs as root; as root the embedded database runs as `postgres`, which cannot
  // enter root's home (mode 700), so the demo data goes to /var/tmp instead.
  const dataHome =
    process.getuid?.() === 0
      ? process.platform === 'linux'
        ? '/var/tmp'
        : tmpdir()
      : process.env.XDG_DATA_HOME || join(homedir(), '.local', 'share');
  const dataDir = join(dataHome, 'collective-brain-demo-server');
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'server/cli.ts', '--port', '8787', '--data', dataDir, '--seed', 'demo'],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  children.push(child);
  return new Promise((resolveUrl, reject) => {
    let output = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      output += chunk.toString('utf8');
      const match = /listening on (https?:\/\/\S+)/u.exec(output);
      if (match) resolveUrl(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`the demo server exited (${code})`)));
  });
}

function electronBinary() {
  try {
    // Electron 42+ fetches its binary here, on first use.
    return require('electron');
  } catch (error) {
    process.stderr.write(
      `\nElectron could not be installed on this machine (${error.message}).\n` +
        'Run the same app in your browser instead:  npm run start:web\n',
    );
    return undefined;
  }
}

function run(command, args) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
  children.push(child);
  child.once('exit', (code) => stopAll(code ?? 0));
}

let serverUrl = values.server;
if (serverUrl === undefined) {
  serverUrl = await startDemoServer().catch((error) => {
    process.stderr.write(`${error.message}\n`);
    stopAll(1);
    return undefined;
  });
  if (serverUrl === undefined) process.exit(1);
  process.stdout.write(
    'Demo accounts: participant@ / facilitator@ / moderator@ / admin@example.org, password "collective-brain"\n',
  );
}

if (values.web) {
  run(process.execPath, [
    '--import',
    'tsx',
    'src/main/web/cli.ts',
    '--server',
    serverUrl,
    ...(values.port !== undefined ? ['--port', values.port] : []),
    ...(values.profile !== undefined ? ['--profile', values.profile] : []),
  ]);
} else {
  const binary = electronBinary();
  if (binary === undefined) stopAll(1);
  else run(binary, [root, `--server=${serverUrl}`]);
}
