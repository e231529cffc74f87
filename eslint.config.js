// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { layerBoundaries } from './scripts/lint/layer-boundaries.js';

const srcDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'src');
const platform = ['config', 'log'];

/**
 * What each folder of src may import besides itself (README, Architecture). A file's own zone is always allowed: its
 * layer folder, its own feature, its own adapter. Exact file names come before folders.
 */
const zones = {
  domain: [],
  ports: ['domain'],
  cards: ['domain'],
  core: ['domain', 'ports', 'cards', ...platform],
  'features/index': ['features/*', 'core', 'cards', 'domain'],
  'features/shared': ['core', 'ports', 'domain', 'cards'],
  'features/*': ['features/shared', 'core', 'ports', 'domain', 'cards', ...platform],
  'adapters/files': ['ports', 'domain'],
  'adapters/directory/*': ['ports', 'domain', 'adapters/files'],
  'adapters/state/*': ['ports', 'domain', 'adapters/files', 'log'],
  // The composition of the bot, shared by main.ts, the test harness and the benchmarks: it builds the core services
  // on the state files and hands the feature indexes to the router.
  'bot/runtime.ts': ['core', 'ports', 'domain', 'cards', 'features/index', 'adapters/files', 'adapters/state/*', ...platform],
  bot: ['core', 'ports', 'domain', 'cards', ...platform],
  log: [],
  config: ['domain'],
  // Composition roots: the server, the demo seeder, and scripts that run features without the bot (benchmarks).
  main: '*',
  seed: '*',
  tools: '*',
};

/** Known breaks, each removed by the branch named. */
const exceptions = [
  // s-app: AppState becomes the file implementation of the state ports, under adapters.
  { from: 'core/app-state.ts', to: 'adapters/files/durable-file.ts' },
  { from: 'core/app-state.ts', to: 'adapters/files/coalescing-writer.ts' },
  // config.ts validates the Graph adapter's settings with the adapter's own schema; no branch moves it yet.
  { from: 'config.ts', to: 'adapters/directory/graph/settings.ts' },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'build/**', 'bench/results.json'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-imports': 'off',
    },
  },
  {
    files: ['src/**/*.ts'],
    plugins: { boundaries: { rules: { layers: layerBoundaries } } },
    rules: {
      // Only src/bot speaks Bot Framework (also checked below by no-restricted-imports).
      'boundaries/layers': ['error', { srcDir, zones, exceptions, packages: { 'botbuilder*': ['bot'], 'botframework-*': ['bot'] } }],
    },
  },
  {
    // Ports and adapters: only src/bot may speak Bot Framework.
    files: ['src/**/*.ts'],
    ignores: ['src/bot/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['botbuilder*', 'botframework-*'], message: 'botbuilder belongs under src/bot only' }] }],
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', process: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
