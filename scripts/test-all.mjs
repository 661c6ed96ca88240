#!/usr/bin/env node
/**
 * `npm test`: every test runner in turn (vitest: unit, integration, server,
 * renderer; Playwright: browser-mode e2e and the Electron smoke test), then one
 * plain line summing them all: `N passed, N failed, N skipped`. Exits non-zero
 * if anything failed or a runner could not report.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const results = resolve(root, 'test-results');
mkdirSync(results, { recursive: true });

function run(label, command, args) {
  process.stdout.write(`\n=== ${label}: ${command} ${args.join(' ')}\n`);
  const outcome = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });
  return outcome.status ?? 1;
}

function readJson(path) {
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

const totals = { passed: 0, failed: 0, skipped: 0 };
let broken = false;

// The e2e tests drive the built renderer: build it from the current sources first.
if (run('build', 'npx', ['electron-vite', 'build']) !== 0) broken = true;

const vitestJson = resolve(results, 'vitest.json');
rmSync(vitestJson, { force: true });
const vitestStatus = run('vitest', 'npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${vitestJson}`,
]);
const vitest = readJson(vitestJson);
if (vitest === undefined) {
  broken = true;
  process.stdout.write('vitest wrote no report\n');
} else {
  totals.passed += vitest.numPassedTests;
  totals.failed += vitest.numFailedTests;
  totals.skipped += vitest.numPendingTests + vitest.numTodoTests;
  if (vitestStatus !== 0 && vitest.numFailedTests === 0) broken = true;
}

const playwrightJson = resolve(results, 'playwright.json');
rmSync(playwrightJson, { force: true });
const playwrightStatus = run('playwright', 'npx', ['playwright', 'test']);
const playwright = readJson(playwrightJson);
if (playwright === undefined) {
  broken = true;
  process.stdout.write('playwright wrote no report\n');
} else {
  const stats = playwright.stats;
  totals.passed += stats.expected + stats.flaky;
  totals.failed += stats.unexpected;
  totals.skipped += stats.skipped;
  if (playwrightStatus !== 0 && stats.unexpected === 0) broken = true;
  for (const suite of playwright.suites ?? []) reportSkips(suite);
}

function reportSkips(suite) {
  for (const spec of suite.specs ?? []) {
    for (const t of spec.tests ?? []) {
      for (const r of t.results ?? []) {
        for (const a of r.annotations ?? t.annotations ?? []) {
          if (a.type === 'skip') process.stdout.write(`skipped: ${spec.title} (${a.description ?? 'no reason'})\n`);
        }
      }
    }
  }
  for (const child of suite.suites ?? []) reportSkips(child);
}

if (broken && totals.failed === 0) totals.failed = 1;
process.stdout.write(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`);
process.exit(totals.failed > 0 || broken ? 1 : 0);
