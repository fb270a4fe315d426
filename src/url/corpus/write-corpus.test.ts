/**
 * Writes the link corpora. Skipped unless asked for:
 *
 *   CORPUS=write npx vitest run src/url/corpus/write-corpus.test.ts
 *
 * format1.json: every link of format1-cases.ts through the format-1 codec (the frozen copy in
 * format1-reference.ts), with what the page made of it (the decoded view in the generic form,
 * and the core's run of it), or the problems it named and the fields it kept.
 *
 * format2.json: views of both built-in scenarios, several parameter settings each, as the
 * format-2 encoder writes them, with the core's run of each.
 *
 * Once saved, each file is the standard later codecs are held to (corpus.test.ts): rewriting
 * one is a decision to change what saved links open, and shows as a diff to review.
 */
import { readFile, writeFile } from 'node:fs/promises';
import * as prettier from 'prettier';
import { describe, expect, it } from 'vitest';
import { runOf, type AcceptedLink, type Corpus, type RejectedLink } from './corpus.ts';
import { decode } from './format1-reference.ts';
import { genericOf, keptOf } from './format1-translate.ts';
import { rejectedCases, unrunnableCases, validCases, type LinkCase } from './format1-cases.ts';
import { format2Views } from './format2-cases.ts';
import { encode } from '../share.ts';

function accepted(c: LinkCase): AcceptedLink {
  const d = decode(c.link);
  if (!d.ok) throw new Error(`${c.note}: expected to decode: ${c.link}`);
  const view = genericOf(d.value);
  return { ...c, view, run: runOf(view) };
}

function rejected(c: LinkCase): RejectedLink {
  const d = decode(c.link);
  if (d.ok) throw new Error(`${c.note}: expected to be refused: ${c.link}`);
  return { ...c, problems: d.problems.map((p) => ({ ...p })), kept: keptOf(d) };
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

  it('format2.json', async () => {
    const accepted = format2Views().map(({ view, note }) => ({
      link: encode(view),
      note,
      view,
      run: runOf(view),
    }));
    expect(accepted.every((a) => 'steps' in a.run)).toBe(true);
    const corpus: Corpus = {
      about:
        'Format-2 share links as the format-2 encoder first wrote them, and what each opens ' +
        '(written by src/url/corpus/write-corpus.test.ts; see corpus.ts).',
      accepted,
      unrunnable: [],
      rejected: [],
    };
    await writeJson('format2.json', corpus);
  });
});
