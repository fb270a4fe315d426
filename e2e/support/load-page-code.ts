/**
 * The page's code in Node, for the tests' own expectations. The built-in scenarios reach the core
 * through vite's glob import and the scenario-YAML plugin, which Playwright's loader does not
 * have, so page-code.ts is loaded through vite's module runner with that plugin: the same
 * modules and documents the page and the CLI are built from.
 */
import { runnerImport } from 'vite';
import { scenarioYaml } from '../../vite.config.ts';

export type PageCode = typeof import('./page-code.ts');

let loading: Promise<PageCode> | undefined;

/** Loads page-code.ts once per test process. */
export function loadPageCode(): Promise<PageCode> {
  loading ??= runnerImport<PageCode>(new URL('./page-code.ts', import.meta.url).pathname, {
    logLevel: 'warn',
    plugins: [scenarioYaml()],
  }).then((r) => r.module);
  return loading;
}
