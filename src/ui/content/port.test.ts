/**
 * Temporary: the content moved from this folder into scenarios/ksm-exit-race.yaml gives the same
 * page through the core's generic functions. For every variant and both initial-state toggles at
 * processes = 1, the pseudo-code equals pseudocode.ts; on the default schedule, the explorer's
 * shortest witness of every reachable bad outcome and seeded random schedules, the notes equal
 * email-notes.ts's placement and the reports equal reports.ts, line for line. The short labels and
 * outcome words equal the old tables. Deleted together with the old modules.
 */
import { describe, expect, it } from 'vitest';
import {
  builtinLibrary,
  codeOf,
  explore,
  isEnabled,
  applyTask,
  notesOf,
  outcomeShort,
  outcomeTitle,
  replay,
  reportsOf,
  stepShortLabel,
  timelineFacts,
  type CompiledScenario,
  type TaskId,
} from '../../core/index.ts';
import {
  EMAIL_TASKS,
  paramsOf,
  requestOf,
  statesOf,
  stepIdsOf,
  VARIANT_IDS,
  VARIANTS,
  type SimOk,
  type Toggles,
  type VariantId,
} from '../../state/index.ts';
import { api } from '../../worker/api.ts';
import { placeNotes } from './email-notes.ts';
import { OUTCOME_SHORT, OUTCOME_WORDS } from './outcome-words.ts';
import { task1Code, task2Code } from './pseudocode.ts';
import { reportsFor } from './reports.ts';
import { shortLabel } from './short-labels.ts';

const TOGGLES: Toggles[] = [
  { rmapNonempty: false, cursorAtSlot: false },
  { rmapNonempty: true, cursorAtSlot: false },
  { rmapNonempty: false, cursorAtSlot: true },
  { rmapNonempty: true, cursorAtSlot: true },
];

const SEED = 20230308;
const RANDOM_RUNS = 12;

/** mulberry32: a small seeded generator, so a failing schedule can be replayed. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A complete schedule: at each turn, a random task among those that can move. */
function randomSchedule(sc: CompiledScenario, next: () => number): TaskId[] {
  const out: TaskId[] = [];
  let s = sc.initial;
  for (;;) {
    const ready = sc.tasks.map((t) => t.id).filter((t) => isEnabled(sc, s, t));
    if (ready.length === 0) return out;
    const t = ready[Math.floor(next() * ready.length)];
    out.push(t);
    s = applyTask(sc, s, t);
  }
}

function schedules(sc: CompiledScenario, seed: number): { name: string; tasks: TaskId[] }[] {
  const out = [{ name: 'default', tasks: [...EMAIL_TASKS] }];
  const r = explore(sc);
  if (!r.ok) throw new Error(r.problem.message);
  for (const [outcome, ids] of Object.entries(r.exploration.summary.shortestWitness)) {
    out.push({ name: `witness of ${outcome}`, tasks: ids.map((id) => sc.steps.get(id)!.task) });
  }
  const next = seeded(seed);
  for (let i = 0; i < RANDOM_RUNS; i++) {
    out.push({ name: `random ${i} (seed ${seed})`, tasks: randomSchedule(sc, next) });
  }
  return out;
}

function simulate(variant: VariantId, toggles: Toggles, tasks: readonly TaskId[]): SimOk {
  const r = api.simulate({ ...requestOf(variant, toggles), tasks, mode: 'repair' });
  if (!r.ok) throw new Error(r.problem.message);
  return r;
}

const cases = VARIANT_IDS.flatMap((v) => TOGGLES.map((t) => [v, t] as const));
const label = (v: VariantId, t: Toggles) =>
  `${v}, rmap_nonempty=${t.rmapNonempty}, cursor=${t.cursorAtSlot ? 1 : 0}`;

describe('the content in the scenario document gives the old page', () => {
  it.each(cases.map(([v, t]) => [label(v, t), v, t] as const))(
    'pseudo-code, notes and reports: %s',
    (_name, variant, toggles) => {
      const sc = builtinLibrary().instance('ksm-exit-race', paramsOf(variant, toggles));
      const code = codeOf(sc);
      expect(code.t1).toEqual(task1Code(VARIANTS[variant]));
      expect(code.t2).toEqual(task2Code(VARIANTS[variant]));

      const seed = SEED + VARIANT_IDS.indexOf(variant) * 4 + TOGGLES.indexOf(toggles);
      const seen = new Set<string>();
      for (const { name, tasks } of schedules(sc, seed)) {
        const old = simulate(variant, toggles, tasks);
        const r = replay(sc, old.tasks);
        if (!r.ok) throw new Error(r.problem.message);
        const trace = r.trace;
        expect(
          trace.steps.map((s) => s.stepId),
          name,
        ).toEqual(stepIdsOf(old));

        const oldNotes = placeNotes(stepIdsOf(old), statesOf(old), VARIANTS[variant]).map((n) => ({
          k: n.k,
          step: n.step,
          title: n.title,
          text: n.text,
          who: n.who,
        }));
        const newNotes = notesOf(sc, trace).map((n) => ({
          k: n.k,
          step: n.step,
          title: n.title,
          text: n.text,
          who: n.who,
        }));
        expect(newNotes, name).toEqual(oldNotes);

        const n = trace.steps.length;
        const reports = reportsOf(sc, trace, timelineFacts(sc, trace));
        expect(reports, name).toEqual(reportsFor(old, n, old.trace.outcomes));
        for (const o of trace.outcomes) seen.add(o);
      }
      // The comparison covered every outcome this instance can reach.
      const r = explore(sc);
      if (!r.ok) throw new Error(r.problem.message);
      const reachable = Object.entries(r.exploration.summary.schedulesWith)
        .filter(([, count]) => count > 0n)
        .map(([o]) => o);
      expect([...seen].sort()).toEqual(expect.arrayContaining(reachable.sort()));
    },
  );

  it('has the old short labels (v6.0 walks mm->mmap, and now says so)', () => {
    for (const variant of VARIANT_IDS) {
      const sc = builtinLibrary().instance('ksm-exit-race', paramsOf(variant, TOGGLES[0]));
      for (const [id, def] of sc.steps) {
        const v60 = !VARIANTS[variant].maple;
        if (v60 && id === 't1_vma_first') expect(stepShortLabel(sc, id)).toBe('vma = mm->mmap');
        else if (v60 && id === 't1_vma_next') {
          expect(stepShortLabel(sc, id)).toBe('vma = vma->vm_next');
        } else expect(stepShortLabel(sc, id), `${variant} ${id}`).toBe(shortLabel(id, def.label));
      }
    }
  });

  it('has the old outcome words', () => {
    const doc = builtinLibrary().doc('ksm-exit-race')!;
    for (const [name, words] of Object.entries(OUTCOME_WORDS)) {
      expect(outcomeTitle(doc, name)).toBe(words);
    }
    for (const [name, short] of Object.entries(OUTCOME_SHORT)) {
      expect(outcomeShort(doc, name)).toBe(short);
    }
  });
});
