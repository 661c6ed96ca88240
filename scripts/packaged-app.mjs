#!/usr/bin/env node
/**
 * Prints `path=<executable>` of the app electron-builder packed as a folder
 * (`--dir`) under the given output directory, for this system and
 * architecture: what the Electron smoke test launches in the release
 * workflow (ELECTRON_APP_PATH). Exits non-zero when there is none.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const output = resolve(process.argv[2] ?? 'release/smoke');
const pkg = JSON.parse(readFileSync(resolve(import.meta.dirname, '../package.json'), 'utf8'));
const productName = pkg.productName;

const candidates =
  {
    linux: [join(output, 'linux-unpacked', pkg.name)],
    win32: [join(output, 'win-unpacked', `${productName}.exe`)],
    darwin: [process.arch === 'arm64' ? 'mac-arm64' : 'mac', 'mac-universal'].map((folder) =>
      join(output, folder, `${productName}.app`, 'Contents', 'MacOS', productName),
    ),
  }[process.platform] ?? [];

const found = candidates.find((path) => existsSync(path));
if (found === undefined) {
  process.stderr.write(`packaged-app: no packed app in ${output} (looked for ${candidates.join(', ') || 'nothing'})\n`);
  process.exit(1);
}
process.stdout.write(`path=${found}\n`);
