// @ts-check
/**
 * The process boundaries of architecture.md, enforced by lint (and tested in
 * tests/unit/lint-boundaries.test.ts):
 * - src/renderer imports neither `electron` nor `node:*` (nor bare node built-ins);
 * - src/shared imports no electron, node, React or DOM;
 * - src/main never imports React or renderer code;
 * - src/preload imports only electron and src/shared;
 * - server/ imports only src/shared from the app.
 */
import { builtinModules } from 'node:module';

const nodeBuiltins = builtinModules.filter((name) => !name.startsWith('_'));

const electron = {
  group: ['electron', 'electron/*'],
  message: 'Only the main process and the preload may import electron.',
};
const node = {
  group: ['node:*', ...nodeBuiltins, ...nodeBuiltins.map((m) => `${m}/*`)],
  message: 'Node APIs live in the main process; reach them through the contract.',
};
const react = {
  group: ['react', 'react/*', 'react-dom', 'react-dom/*', 'react-i18next', 'zustand', 'dexie-react-hooks'],
  message: 'React belongs to the renderer.',
};
const rendererCode = {
  group: ['**/renderer/**', '**/renderer'],
  message: 'Main-process code must not import renderer code.',
};
const mainCode = {
  group: ['**/main/**', '**/src/main', '../main', '../../main'],
  message: 'Only the Electron entry and its tests import main-process code.',
};
const appCodeForServer = {
  group: ['**/src/main/**', '**/src/renderer/**', '**/src/preload/**'],
  message: 'The server imports only src/shared from the app.',
};
const domLibs = {
  group: ['dexie', 'dompurify', 'i18next'],
  message: 'src/shared is pure: no DOM or storage libraries.',
};

/** @type {import('eslint').Linter.Config[]} */
export const boundaryRules = [
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: [electron, node, mainCode] }] },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [electron, node, react, domLibs, rendererCode, mainCode] }],
      'no-restricted-globals': [
        'error',
        ...[
          'window',
          'document',
          'navigator',
          'localStorage',
          'sessionStorage',
          'indexedDB',
          'process',
          'Buffer',
          'require',
        ].map((name) => ({
          name,
          message: 'src/shared runs in every process: no DOM or Node globals.',
        })),
      ],
    },
  },
  {
    files: ['src/main/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [react, rendererCode] }] },
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [node, react, rendererCode, mainCode] }] },
  },
  {
    files: ['server/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [electron, react, appCodeForServer] }] },
  },
];
