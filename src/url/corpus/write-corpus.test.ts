/**
 * Writes the link corpora. Skipped unless asked for:
 *
 *   CORPUS=write npx vitest run src/url/corpus/write-corpus.test.ts
 *
 * format1.json: every link of format1-cases.ts through the format-1 codec, with what the page
 * made of it (the decoded view in the generic form, and the core's run of it), or the problems
 * it named. Once saved it is the standard later codecs are held to (corpus.test.ts).
 */
import { readFile, writeFile } from 'node:fs/promises';
import * as prettier from 'prettier';
import { describe, expect, it } from 'vitest';
import { decode, type ShareView, type Toggles } from './format1-reference.ts';
import {
  canonicalParams,
  infoOf,
  runOf,
  type AcceptedLink,
  type Corpus,
  type GenericView,
  type RejectedLink,
} from './corpus.ts';
import { rejectedCases, unrunnableCases, validCases, type LinkCase } from './format1-cases.ts';

const SCENARIO = 'ksm-exit-race';
const VERSION = 1;

/** Format 1's toggles as the scenario's parameters (format 1 always meant processes = 1). */
function paramsOfToggles(t: Toggles) {
  return { processes: 1, rmap_nonempty: t.rmapNonempty, cursor: t.cursorAtSlot ? 1 : 0 };
}

function genericOf(view: ShareView): GenericView {
  const base = { scenario: SCENARIO, version: VERSION, variant: view.variant };
  const params = canonicalParams(infoOf({ ...base, params: paramsOfToggles(view.toggles) }));
  const out: GenericView = { ...base, params, tasks: view.tasks, cursor: view.cursor };
  return view.compare === undefined ? out : { ...out, compare: view.compare };
}

function accepted(c: LinkCase): AcceptedLink {
  const d = decode(c.link);
  if (!d.ok) throw new Error(`${c.note}: expected to decode: ${c.link}`);
  const view = genericOf(d.value);
  return { ...c, view, run: runOf(view) };
}

function rejected(c: LinkCase): RejectedLink {
  const d = decode(c.link);
  if (d.ok) throw new Error(`${c.note}: expected to be refused: ${c.link}`);
  // The format and model are checked first; when either is wrong the page keeps nothing.
  const early = d.problems.some(
    (p) => p.key === 'v' || p.key === 'm' || /too long to be ours/.test(p.message),
  );
  const k = d.kept;
  const kept: Partial<GenericView> = early
    ? {}
    : {
        scenario: SCENARIO,
        version: VERSION,
        ...(k.toggles ? { params: paramsOfToggles(k.toggles) } : {}),
        ...(k.variant !== undefined ? { variant: k.variant } : {}),
        ...(k.tasks !== undefined ? { tasks: k.tasks } : {}),
        ...(k.cursor !== undefined ? { cursor: k.cursor } : {}),
        ...(k.compare !== undefined ? { compare: k.compare } : {}),
      };
  return { ...c, problems: d.problems.map((p) => ({ ...p })), kept };
}

async function writeJson(name: string, data: unknown): Promise<void> {
  const path = new URL(name, import.meta.url).pathname;
  const options = (await prettier.resolveConfig(path)) ?? {};
  await writeFile(
    path,
    await prettier.format(JSON.stringify(data), { ...options, filepath: path }),
  );
}

describe.runIf(process.env.CORPUS === 'write')('write the link corpora', () => {
  it('format1.json', async () => {
    const all = validCases().map(accepted);
    const corpus: Corpus = {
      about:
        'Format-1 share links and what the page opened for each when format 1 was the only format ' +
        '(written by src/url/corpus/write-corpus.test.ts from the format-1 codec; see corpus.ts).',
      accepted: all.filter((a) => 'steps' in a.run),
      unrunnable: [...all.filter((a) => !('steps' in a.run)), ...unrunnableCases().map(accepted)],
      rejected: rejectedCases().map(rejected),
    };
    expect(corpus.unrunnable.every((u) => 'refused' in u.run)).toBe(true);
    await writeJson('format1.json', corpus);
    const back = JSON.parse(await readFile(new URL('format1.json', import.meta.url), 'utf8'));
    expect(back).toEqual(JSON.parse(JSON.stringify(corpus)));
  });
});
