#!/usr/bin/env node
/**
 * `npm start` (after `npm run build`): starts the reference server with demo
 * content on an embedded database, then opens the desktop app on it.
 * Electron downloads its binary on first launch; where that cannot happen,
 * `npm run start:web` runs the same app in a browser.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const children = [];

function stopAll(code) {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  process.exitCode = code;
}
process.once('SIGINT', () => stopAll(0));
process.once('SIGTERM', () => stopAll(0));

function startDemoServer() {
  if (!existsSync(join(root, 'server', 'cli.ts'))) return Promise.resolve(undefined);
  const dataHome = process.env.XDG_DATA_HOME || join(homedir(), '.local', 'share');
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
      const match = /(https?:\/\/[\w.:[\]-]+)/u.exec(output);
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

const serverUrl = await startDemoServer().catch((error) => {
  process.stderr.write(`${error.message}\n`);
  stopAll(1);
  return null;
});
if (serverUrl !== null) {
  const binary = electronBinary();
  if (binary === undefined) {
    stopAll(1);
  } else {
    const args = [root, ...(serverUrl ? [`--server=${serverUrl}`] : [])];
    const app = spawn(binary, args, { cwd: root, stdio: 'inherit' });
    children.push(app);
    app.once('exit', (code) => stopAll(code ?? 0));
  }
}
