/**
 * docs/scenario.schema.json (the JSON Schema editors use) is what scripts/scenario-schema.ts
 * generates from document.ts today, and every scenario file points at it. When this fails after
 * a change to document.ts, regenerate: npx tsx scripts/scenario-schema.ts
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  SCHEMA_FILE,
  scenarioJsonSchema,
  scenarioSchemaText,
} from '../../../scripts/scenario-schema.ts';

const REGENERATE = 'docs/scenario.schema.json is out of date: npx tsx scripts/scenario-schema.ts';

describe('docs/scenario.schema.json', () => {
  const committed = readFileSync(SCHEMA_FILE, 'utf8');

  it('has the content a fresh generation gives', () => {
    expect(JSON.parse(committed), REGENERATE).toEqual(scenarioJsonSchema());
  });

  it('is byte for byte the generated file (formatted as prettier formats it)', async () => {
    expect(committed === (await scenarioSchemaText()), REGENERATE).toBe(true);
  });

  it('names itself and the draft it follows', () => {
    const schema = JSON.parse(committed);
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.$id).toEqual(expect.any(String));
    expect(schema.title).toEqual(expect.any(String));
    expect(schema.properties.tasks.description).toEqual(expect.any(String));
  });
});

describe('scenario files point editors at the schema', () => {
  const dirs = ['../../../scenarios/', '../../../docs/examples/'].map(
    (d) => new URL(d, import.meta.url),
  );
  const files = dirs.flatMap((dir) =>
    readdirSync(dir)
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => new URL(f, dir)),
  );

  it.each(files.map((f) => [fileURLToPath(f).replace(/^.*\/(?=(scenarios|docs)\/)/, ''), f]))(
    '%s',
    (_name, file) => {
      const first = readFileSync(file, 'utf8').split('\n')[0];
      const m = /^# yaml-language-server: \$schema=(\S+)$/.exec(first);
      expect(m, 'first line: # yaml-language-server: $schema=<relative path>').not.toBeNull();
      const target = fileURLToPath(new URL(m![1], file));
      expect(target).toBe(SCHEMA_FILE);
      expect(existsSync(target)).toBe(true);
    },
  );
});
