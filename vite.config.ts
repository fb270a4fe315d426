import react from '@vitejs/plugin-react';
import { relative } from 'node:path';
import { runnerImport, type Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { formatProblems, parseScenarioText } from './src/core/scenario/load.ts';

/**
 * The Content-Security-Policy of the built page: scripts, workers and styles only from our own
 * origin, no inline script and no eval. Set as a meta tag at build time only, because the dev
 * server injects inline scripts for hot reload. (A meta CSP cannot carry frame-ancestors; a host
 * serving the page should add that as a header.)
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'interleave-csp',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
        injectTo: 'head-prepend',
      },
    ],
  };
}

/**
 * Scenario files (scenarios/*.yaml) become JSON modules at build time, so neither the page nor
 * the worker ships a YAML parser. Each file is checked and compiled for every variant here: a
 * mistake fails the build (and the dev server) with file:line:column.
 */
export function scenarioYaml(): Plugin {
  return {
    name: 'interleave-scenario-yaml',
    transform(code, id) {
      if (!id.endsWith('.yaml')) return undefined;
      const r = parseScenarioText(code, relative(process.cwd(), id));
      if (!r.ok) this.error(formatProblems(r.problems));
      return { code: `export default ${JSON.stringify(r.doc)};`, map: null };
    },
  };
}

/**
 * The default view's seed (src/state/seed.ts), recorded at every build by the same core the
 * worker runs and written into index.html as a JSON data block (not a script: the CSP allows no
 * inline script, and none runs). The page paints the default view from it before the worker has
 * even been fetched.
 */
function firstViewSeed(): Plugin {
  return {
    name: 'interleave-first-view-seed',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      async handler() {
        type Recorder = typeof import('./src/state/seed-record.ts');
        type Codec = typeof import('./src/state/seed.ts');
        const config = {
          configFile: false as const,
          plugins: [scenarioYaml()],
          logLevel: 'warn' as const,
        };
        const { module: recorder } = await runnerImport<Recorder>(
          '/src/state/seed-record.ts',
          config,
        );
        const { module: codec } = await runnerImport<Codec>('/src/state/seed.ts', config);
        const seed = await recorder.recordFirstView();
        return [
          {
            tag: 'script',
            attrs: { type: 'application/json', id: codec.SEED_ELEMENT_ID },
            children: codec.encodeSeed(seed),
            injectTo: 'body',
          },
        ];
      },
    },
  };
}

export default defineConfig({
  // A relative base makes the build relocatable: every asset, chunk and the worker are found
  // relative to index.html or to the module that loads them (import.meta.url), so the same dist/
  // works at `/` and under a sub-path such as `/interleave/` (e2e/subpath.spec.ts). The dev
  // server still serves at `/`.
  base: './',
  plugins: [react(), contentSecurityPolicy(), scenarioYaml(), firstViewSeed()],
  // The explorer worker is loaded with `{ type: 'module' }`, so emit it as an ES module.
  // Workers are bundled separately and do not inherit `plugins`: they read scenarios too.
  worker: { format: 'es', plugins: () => [scenarioYaml()] },
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    environment: 'node',
  },
});
