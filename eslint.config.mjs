// Flat config. The folder-scoped `no-restricted-imports` blocks enforce the import direction in
// STYLE.md (ui → state → {url, worker client} → core) so a wrong-way import fails `npm test`.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { defineConfig } from 'eslint/config';

/** A relative import that climbs out of the current folder into one of these src/ folders. */
const intoFolders = (...folders) => `^(\\.\\./)+(${folders.join('|')})(/|$)`;

const banFolders = (message, ...forbidden) => ({
  regex: intoFolders(...forbidden),
  message,
});

const UI_PACKAGES = [
  { group: ['react', 'react/*', 'react-dom', 'react-dom/*'], message: 'No React outside src/ui.' },
  { group: ['zustand', 'zustand/*'], message: 'The store lives in src/state.' },
];

export default defineConfig(
  {
    ignores: [
      'dist/',
      'dist-cli/',
      'node_modules/',
      'reports/',
      'test-results/',
      'playwright-report/',
    ],
  },

  js.configs.recommended,
  ...tseslint.configs.recommended,

  // Where each file runs decides which globals exist.
  {
    files: ['**/*.{js,mjs,cjs,ts,tsx}'],
    languageOptions: { ecmaVersion: 2022, sourceType: 'module', globals: globals.node },
  },
  {
    files: ['src/ui/**', 'src/state/**', 'src/url/**'],
    languageOptions: { globals: globals.browser },
  },
  {
    files: ['src/worker/**'],
    languageOptions: { globals: globals.worker },
  },
  {
    files: ['src/core/**'],
    languageOptions: { globals: {} },
  },

  // React components and hooks.
  {
    files: ['src/ui/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat.recommended,
  },

  // core: pure model and explorer. Imports nothing else of ours, touches no DOM, clock or
  // randomness, so the same schedule always gives the same trace in the browser, worker and Node.
  {
    files: ['src/core/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            banFolders(
              'src/core imports nothing outside src/core.',
              'state',
              'ui',
              'url',
              'worker',
              'cli',
              'bench',
              'e2e',
            ),
            ...UI_PACKAGES,
            { group: ['d3-*', 'd3-*/*'], message: 'd3 belongs to src/ui.' },
            { group: ['comlink', 'comlink/*'], message: 'The worker shell belongs to src/worker.' },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'window', message: 'src/core runs in Node and workers too: no DOM.' },
        { name: 'document', message: 'src/core runs in Node and workers too: no DOM.' },
        { name: 'Date', message: 'src/core is deterministic: no clock. Pass time in.' },
        { name: 'setTimeout', message: 'src/core is deterministic: no timers.' },
        { name: 'setInterval', message: 'src/core is deterministic: no timers.' },
      ],
      'no-restricted-properties': [
        'error',
        {
          object: 'Math',
          property: 'random',
          message: 'src/core is deterministic: take a seeded generator as an argument.',
        },
      ],
    },
  },

  // worker, cli and url import only core.
  {
    files: ['src/worker/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            banFolders('src/worker imports only src/core.', 'state', 'ui', 'url', 'cli'),
            ...UI_PACKAGES,
          ],
        },
      ],
    },
  },
  {
    files: ['src/cli/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            banFolders('src/cli imports only src/core.', 'state', 'ui', 'url', 'worker'),
            ...UI_PACKAGES,
          ],
        },
      ],
    },
  },
  {
    files: ['src/url/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            banFolders('src/url imports only src/core.', 'state', 'ui', 'worker', 'cli'),
            ...UI_PACKAGES,
          ],
        },
      ],
    },
  },

  // state sits under ui: it may use url, the worker client and core, never ui.
  {
    files: ['src/state/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            banFolders('src/state must not import src/ui or src/cli.', 'ui', 'cli'),
            { group: ['react-dom', 'react-dom/*'], message: 'Rendering belongs to src/ui.' },
          ],
        },
      ],
    },
  },

  // ui talks to the store: it may import src/state (values and types) and the core's types for
  // its props, never core values, the worker or the link codec. `state` re-exports the few pure
  // helpers the page needs, so every value the page uses comes through one door.
  {
    files: ['src/ui/**/*.{ts,tsx}'],
    ignores: ['src/ui/**/*.test.{ts,tsx}'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            banFolders(
              'src/ui imports src/state, not the worker, the CLI or the link codec.',
              'worker',
              'cli',
              'url',
            ),
            {
              regex: intoFolders('core'),
              allowTypeImports: true,
              message: 'src/ui imports only types from src/core; values come through src/state.',
            },
          ],
        },
      ],
    },
  },
);
