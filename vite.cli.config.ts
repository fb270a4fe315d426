import { defineConfig } from 'vite';
import { scenarioYaml } from './vite.config.ts';

/**
 * The command line as one plain ES module for Node (`dist-cli/interleave.mjs`, the package's
 * `interleave` bin): core, the built-in scenarios (as JSON, through the same YAML plugin as the
 * page) and its dependencies in one file, so a run compiles no TypeScript and resolves no
 * packages.
 */
export default defineConfig({
  plugins: [scenarioYaml()],
  logLevel: 'warn',
  publicDir: false,
  build: {
    ssr: 'src/cli/main.ts',
    outDir: 'dist-cli',
    emptyOutDir: true,
    target: 'node20',
    minify: true,
    rollupOptions: { output: { entryFileNames: 'interleave.mjs' } },
  },
  ssr: { noExternal: true, target: 'node' },
});
