#!/usr/bin/env node
/**
 * What goes into the installed app, checked without the Electron binary:
 * electron-builder packs the built app (`npm run build` first) for Linux as a
 * folder (`--dir`), around a stand-in for Electron's distribution: a small
 * file that carries Electron's fuse wire, so the fuses are really flipped and
 * read back. Then the asar is listed:
 *   - it holds out/ (main, preload, renderer) and package.json, nothing else:
 *     no server/, tests/, node_modules, source maps or sources;
 *   - the entry points are there;
 * and the resources beside it (tray icons, the update feed file) and the
 * fuses are what electron-builder.yml says. The asar's size is reported.
 * Exits non-zero, with the reasons, when any of it is wrong.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { listPackage } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { build, Platform } from 'electron-builder';
import yaml from 'js-yaml';

const root = resolve(import.meta.dirname, '..');
const problems = [];
const fail = (message) => problems.push(message);

for (const entry of ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html']) {
  if (!existsSync(join(root, entry))) {
    process.stderr.write(`check-package: ${entry} is missing; run "npm run build" first\n`);
    process.exit(2);
  }
}

const config = yaml.load(readFileSync(join(root, 'electron-builder.yml'), 'utf8'));
const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version;

// Electron's fuse wire: a sentinel, the wire's version and length, then one byte per fuse
// ('1' on, '0' off), as in a real binary before electron-builder flips them.
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const work = mkdtempSync(join(tmpdir(), 'cb-package-'));
const dist = join(work, 'electron-dist');
mkdirSync(join(dist, 'resources'), { recursive: true });
writeFileSync(
  join(dist, 'electron'),
  Buffer.concat([
    Buffer.from('#!/bin/sh\necho "stand-in for the Electron binary"\n'),
    Buffer.from(SENTINEL),
    Buffer.from([1, 8]),
    Buffer.from('10110001'),
  ]),
  { mode: 0o755 },
);
writeFileSync(join(dist, 'version'), electronVersion);

const output = join(work, 'release');
const started = Date.now();
try {
  await build({
    projectDir: root,
    targets: Platform.LINUX.createTarget('dir'),
    publish: 'never',
    config: { ...config, electronDist: dist, electronVersion, directories: { ...config.directories, output } },
  });
} catch (error) {
  process.stderr.write(`check-package: electron-builder failed: ${error instanceof Error ? error.message : error}\n`);
  rmSync(work, { recursive: true, force: true });
  process.exit(1);
}

const unpacked = join(output, 'linux-unpacked');
const asar = join(unpacked, 'resources', 'app.asar');
const files = listPackage(asar, { isPack: false }).map((path) => path.replaceAll('\\', '/'));

const allowed = (path) => path === '/package.json' || path === '/out' || path.startsWith('/out/');
for (const path of files.filter((path) => !allowed(path))) fail(`unexpected in the asar: ${path}`);
for (const pattern of [
  /^\/server(\/|$)/u,
  /^\/tests?(\/|$)/u,
  /node_modules/u,
  /\.map$/u,
  /\.tsx?$/u,
  /^\/src(\/|$)/u,
]) {
  for (const path of files.filter((path) => pattern.test(path))) fail(`must not ship: ${path}`);
}
for (const entry of ['/package.json', '/out/main/index.js', '/out/preload/index.cjs', '/out/renderer/index.html']) {
  if (!files.includes(entry)) fail(`missing from the asar: ${entry}`);
}

const resources = join(unpacked, 'resources');
for (const icon of ['synced', 'syncing', 'offline', 'paused', 'attention', 'trayTemplate', 'badge-overlay']) {
  for (const file of [`${icon}.png`, `${icon}@2x.png`]) {
    if (!existsSync(join(resources, 'tray', file))) fail(`missing resource: tray/${file}`);
  }
}
if (!existsSync(join(resources, 'icon.png'))) fail('missing resource: icon.png');
const updateFile = join(resources, 'app-update.yml');
if (!existsSync(updateFile)) {
  fail('missing resource: app-update.yml (the update feed)');
} else if (!/^provider:/mu.test(readFileSync(updateFile, 'utf8'))) {
  // electron-builder names the GitHub repository from the git remote; a clone without one has no feed.
  process.stdout.write('note: app-update.yml names no feed here (no GitHub remote); a release build on GitHub does\n');
}

const wire = await getCurrentFuseWire(join(unpacked, 'collective-brain-desktop'));
const expected = {
  RunAsNode: config.electronFuses.runAsNode,
  EnableCookieEncryption: config.electronFuses.enableCookieEncryption,
  EnableNodeOptionsEnvironmentVariable: config.electronFuses.enableNodeOptionsEnvironmentVariable,
  EnableNodeCliInspectArguments: config.electronFuses.enableNodeCliInspectArguments,
  EnableEmbeddedAsarIntegrityValidation: config.electronFuses.enableEmbeddedAsarIntegrityValidation,
  OnlyLoadAppFromAsar: config.electronFuses.onlyLoadAppFromAsar,
  LoadBrowserProcessSpecificV8Snapshot: config.electronFuses.loadBrowserProcessSpecificV8Snapshot,
  GrantFileProtocolExtraPrivileges: config.electronFuses.grantFileProtocolExtraPrivileges,
};
for (const [name, on] of Object.entries(expected)) {
  const actual = wire[FuseV1Options[name]];
  if (actual !== (on ? 49 : 48)) fail(`fuse ${name} should be ${on ? 'on' : 'off'}`);
}

const bytes = statSync(asar).size;
const size = new Intl.NumberFormat('en', { maximumFractionDigits: 1 }).format(bytes / 1024 / 1024);
rmSync(work, { recursive: true, force: true });
process.stdout.write(
  `app.asar: ${size} MiB (${bytes} bytes), ${files.length} entries, out/ and package.json only; ` +
    `fuses as configured; packed in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
);
if (problems.length > 0) {
  for (const problem of problems) process.stderr.write(`check-package: ${problem}\n`);
  process.exit(1);
}
