/**
 * The scenarios that ship with Interleave: every file under scenarios/, read at build time
 * (vite's glob import with the scenario-YAML plugin of vite.config.ts, which checks each file
 * and fails the build with file:line:column on a mistake). A new scenario is one new file.
 */
import type { ScenarioDoc } from './document.ts';
import { createLibrary, type Library } from './library.ts';

/** The scenario a bare link or command opens. */
export const DEFAULT_SCENARIO = 'ksm-exit-race';

let library: Library | undefined;

/** The built-in scenarios, default first, then by id. */
export function builtinLibrary(): Library {
  // Inside the function so that importing core outside vite (tsx scripts) does not need it.
  const files = import.meta.glob<ScenarioDoc>('../../../scenarios/*.yaml', {
    eager: true,
    import: 'default',
  });
  library ??= createLibrary(
    Object.values(files).sort(
      (a, b) =>
        Number(b.id === DEFAULT_SCENARIO) - Number(a.id === DEFAULT_SCENARIO) ||
        a.id.localeCompare(b.id),
    ),
  );
  return library;
}
