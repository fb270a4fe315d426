import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { api, type ScenarioRequest } from '../../worker/api.ts';
import { isDiagramText } from './diagram-paste.ts';

/** Instances of both built-in scenarios, with their lanes' keys as the page knows them. */
const REQUESTS: ScenarioRequest[] = [
  { scenario: 'ksm-exit-race', params: {} },
  { scenario: 'ksm-exit-race', params: { processes: 3 } },
  { scenario: 'ksm-oom-deadlock', params: {} },
];
const INSTANCES = REQUESTS.map((req) => {
  const result = api.simulate({ ...req, tasks: [], mode: 'repair' });
  if (!result.ok) throw new Error('the test instance does not simulate');
  const { info } = result;
  const text = api.diagram({ ...req, tasks: info.defaultTasks });
  return { req, keys: info.lanes.map((l) => l.key), text };
});

/** A diagram as it may come back from a mail client: quoted, cut short, with blank lines. */
const mangled = fc.record({
  instance: fc.constantFrom(...INSTANCES),
  quotes: fc.array(fc.constantFrom('> ', '>'), { maxLength: 3 }),
  keep: fc.nat(),
  blanks: fc.array(fc.nat(), { maxLength: 4 }),
  crlf: fc.boolean(),
});

describe('isDiagramText: which pastes open a diagram', () => {
  it('recognises every mangled diagram the reader opens with at least one step', () => {
    let opened = 0;
    fc.assert(
      fc.property(mangled, ({ instance, quotes, keep, blanks, crlf }) => {
        let lines = instance.text.split('\n');
        lines = lines.slice(0, 1 + (keep % lines.length));
        for (const b of blanks) lines.splice(1 + (b % lines.length), 0, '');
        const text = lines.map((l) => quotes.join('') + l).join(crlf ? '\r\n' : '\n');
        const read = api.readDiagram({ ...instance.req, text });
        if (read.ok && read.schedule.length > 0) {
          opened++;
          expect(isDiagramText(text, instance.keys)).toBe(true);
        }
      }),
    );
    // The property tested something: most mangled diagrams are read.
    expect(opened).toBeGreaterThan(50);
  });

  it('recognises the default diagrams whole', () => {
    for (const { text, keys } of INSTANCES) expect(isDiagramText(text, keys)).toBe(true);
  });

  it('leaves a header alone, and text that is not a diagram, to the browser', () => {
    const [{ text, keys }] = INSTANCES;
    const header = text.split('\n')[0];
    expect(isDiagramText(header, keys)).toBe(false);
    expect(isDiagramText(`${header}\n==== a banner ====\n`, keys)).toBe(false);
    expect(isDiagramText(text.split('\n').slice(1).join('\n'), keys)).toBe(false);
    expect(isDiagramText('https://example.org/#v=2&m=ksm-exit-race.1&s=1x3.2x15.1x12', keys)).toBe(
      false,
    );
    expect(isDiagramText('Hi Liam,\n\nthanks for the diagram.\n', keys)).toBe(false);
    // A diagram of another instance (more tasks) lacks this one's columns, and the other way.
    const three = INSTANCES[1];
    expect(isDiagramText(text, three.keys)).toBe(false);
    expect(isDiagramText(text, [])).toBe(false);
  });

  it('wants each key as a word of its own: "2.1:" is not task 2', () => {
    expect(isDiagramText('1: a   2.1: b\nx', ['1', '2'])).toBe(false);
    expect(isDiagramText('1: a   2.1: b\nx', ['1', '2.1'])).toBe(true);
    expect(isDiagramText('11: a   2: b\nx', ['1', '2'])).toBe(false);
  });
});
