/**
 * Browser mode (`npm run start:web`, src/main/web/cli.ts) runs the main
 * services in plain Node: nothing it loads may need the Electron binary.
 * Walks its import graph (static and dynamic imports) from the source, the
 * way a bundler would, and checks that neither `electron` nor the desktop
 * shell's Electron-only parts (electron-updater, electron-log, the shell's
 * Electron wiring, main's translations read through Vite) are on it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');

function resolveRelative(from: string, specifier: string): string | undefined {
  const base = resolve(dirname(from), specifier);
  return [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find(
    (path) => existsSync(path) && path.endsWith('.ts'),
  );
}

/** Every module file reached from `entry`, and every package it names. */
function importGraph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const queue = [entry];
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    if (files.has(file)) continue;
    files.add(file);
    const text = readFileSync(file, 'utf8');
    if (text.includes('import.meta.glob')) packages.add('(import.meta.glob)');
    for (const { fileName } of ts.preProcessFile(text, true, true).importedFiles) {
      if (fileName.startsWith('.')) {
        const target = resolveRelative(file, fileName);
        if (target !== undefined) queue.push(target);
      } else {
        packages.add(fileName);
      }
    }
  }
  return { files, packages };
}

describe('browser mode', () => {
  const graph = importGraph(join(root, 'src/main/web/cli.ts'));

  it('reaches the main services, as the app does', () => {
    const reached = [...graph.files].map((file) => relative(root, file).replaceAll('\\', '/'));
    expect(reached).toContain('src/main/services/index.ts');
    expect(reached).toContain('src/main/desktop/browser-desktop.ts');
  });

  it('loads neither electron nor the desktop shell’s Electron-only parts', () => {
    const electronOnly = [...graph.packages].filter((name) =>
      /^(electron|electron-updater|electron-log)(\/|$)|^\(import\.meta\.glob\)$/u.test(name),
    );
    expect(electronOnly).toEqual([]);
    const shellFiles = [...graph.files]
      .map((file) => relative(root, file).replaceAll('\\', '/'))
      .filter((file) => file.startsWith('src/main/desktop/electron/') || file === 'src/main/desktop/shell-text.ts');
    expect(shellFiles).toEqual([]);
  });

  it('would notice if it did (the Electron entry’s graph has them)', () => {
    const electron = importGraph(join(root, 'src/main/index.ts'));
    expect([...electron.packages]).toEqual(
      expect.arrayContaining(['electron', 'electron-updater', 'electron-log/node']),
    );
  });
});
