import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { boundaryRules } from '../../eslint.boundaries.js';

/**
 * The process boundaries are enforced by lint; these cases prove the rules
 * themselves, by linting snippets as if they lived in each folder. The rules
 * are the very objects eslint.config.js spreads in (checked below), run
 * without type information so the snippets need not exist on disk.
 */
const eslint = new ESLint({
  cwd: process.cwd(),
  overrideConfigFile: true,
  overrideConfig: [{ files: ['**/*.ts', '**/*.tsx'], languageOptions: { parser: tseslint.parser } }, ...boundaryRules],
});

async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((message) => message.ruleId === 'no-restricted-imports' || message.ruleId === 'no-restricted-globals')
    .map((message) => message.message);
}

describe('lint keeps the process boundaries', () => {
  it('is part of the project lint configuration', async () => {
    const project = new ESLint({ cwd: process.cwd() });
    for (const file of [
      'src/renderer/src/main.tsx',
      'src/shared/contract.ts',
      'src/main/index.ts',
      'src/preload/index.ts',
    ]) {
      const config = (await project.calculateConfigForFile(file)) as { rules?: Record<string, unknown> };
      expect(config.rules?.['no-restricted-imports'], file).toBeDefined();
    }
  });

  it.each([
    ['src/renderer/src/x.ts', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n"],
    ['src/renderer/src/x.ts', "import { readFile } from 'node:fs/promises';\nexport const x = readFile;\n"],
    ['src/renderer/src/x.ts', "import { readFile } from 'fs';\nexport const x = readFile;\n"],
    [
      'src/renderer/src/x.ts',
      "import { createServices } from '../../main/services';\nexport const x = createServices;\n",
    ],
    ['src/shared/x.ts', "import { app } from 'electron';\nexport const x = app;\n"],
    ['src/shared/x.ts', "import { join } from 'node:path';\nexport const x = join;\n"],
    ['src/shared/x.ts', "import { useState } from 'react';\nexport const x = useState;\n"],
    ['src/shared/x.ts', "import Dexie from 'dexie';\nexport const x = Dexie;\n"],
    ['src/shared/x.ts', 'export const x = (): unknown => document.title;\n'],
    ['src/shared/x.ts', 'export const x = (): unknown => window.location;\n'],
    ['src/shared/x.ts', 'export const x = (): unknown => process.env;\n'],
    ['src/main/x.ts', "import { useState } from 'react';\nexport const x = useState;\n"],
    ['src/main/x.ts', "import { App } from '../renderer/src/app/App';\nexport const x = App;\n"],
    ['src/preload/x.ts', "import { readFile } from 'node:fs';\nexport const x = readFile;\n"],
    ['server/x.ts', "import { createServices } from '../src/main/services';\nexport const x = createServices;\n"],
    ['server/x.ts', "import { App } from '../src/renderer/src/app/App';\nexport const x = App;\n"],
  ])('refuses in %s: %s', async (filePath, code) => {
    expect(await boundaryErrors(filePath, code)).not.toEqual([]);
  });

  it.each([
    ['src/renderer/src/x.ts', "import { contract } from '../../shared/contract';\nexport const x = contract;\n"],
    ['src/shared/x.ts', "import { z } from 'zod';\nexport const x = z;\n"],
    ['src/main/x.ts', "import { join } from 'node:path';\nexport const x = join;\n"],
    ['src/preload/x.ts', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n"],
    ['server/x.ts', "import { contract } from '../src/shared/contract';\nexport const x = contract;\n"],
  ])('allows in %s: %s', async (filePath, code) => {
    expect(await boundaryErrors(filePath, code)).toEqual([]);
  });
});
