import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { format, resolveConfig } from 'prettier';

const DOC = resolve(import.meta.dirname, '../../docs/reliability.md');

/** The full run (`npm run test:faults`); the small one in CI (`FAULTS_SCALE=small`) checks the same, faster. */
export const FULL = process.env['FAULTS_SCALE'] !== 'small';

/** Picks the full figure or the small one. */
export const scale = (full: number, small: number): number => (FULL ? full : small);

/** The seed of a run: fixed by FAULTS_SEED to replay a failure, else new each run (and printed). */
export function runSeed(): number {
  const fixed = Number(process.env['FAULTS_SEED']);
  const seed = Number.isSafeInteger(fixed) && fixed > 0 ? fixed : Math.floor(Math.random() * 2 ** 31) + 1;
  // Printed before the run, so that a failure (which records nothing) can be replayed.
  process.stdout.write(`[faults] seed ${String(seed)}: replay with FAULTS_SEED=${String(seed)}\n`);
  return seed;
}

const HEADER = `# Reliability: the fault suite

What \`npm run test:faults\` (tests/faults/, its own vitest config: not part of \`npm test\`) did to the app and
what held. Each part rewrites its own section below when it passes in a full run; a failing part writes
nothing. A run's seed is printed as it starts and with its figures: \`FAULTS_SEED=<seed> npm run test:faults\` draws the same random
choices again (the timing of a busy machine is not replayed).
\`.ci/run\` runs a small version (\`FAULTS_SCALE=small\`), which checks the same and writes nothing here.
`;

/**
 * Replaces the section of one part of the suite in docs/reliability.md (between its markers), keeping the
 * others, formatted by Prettier. Only a full run writes: the small CI run must not change a committed file.
 */
export async function recordFigures(part: string, title: string, lines: readonly string[]): Promise<void> {
  const text = [`## ${title}`, '', ...lines, ''].join('\n');
  process.stdout.write(`\n[faults] ${title}\n${lines.join('\n')}\n`);
  if (!FULL) return;
  const start = `<!-- faults:${part}:start -->`;
  const end = `<!-- faults:${part}:end -->`;
  const current = existsSync(DOC) ? readFileSync(DOC, 'utf8') : HEADER;
  const block = `${start}\n${text}${end}`;
  const from = current.indexOf(start);
  const to = current.indexOf(end);
  const next =
    from >= 0 && to > from
      ? current.slice(0, from) + block + current.slice(to + end.length)
      : `${current.trimEnd()}\n\n${block}\n`;
  // Formatted as `npm run lint` wants it, so that a run leaves nothing to reformat.
  writeFileSync(DOC, await format(next, { ...(await resolveConfig(DOC)), filepath: DOC }));
}
