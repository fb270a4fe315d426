import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { notesOf } from './content/notes.ts';
import { diagramOf, parseDiagram } from './diagram.ts';
import { applyTask, enabledTasks, type TaskId } from './engine.ts';
import { replay } from './replay.ts';
import { builtinLibrary } from './scenario/builtin.ts';
import { compileScenario, ModelError, type CompiledScenario } from './scenario/compile.ts';
import type { ScenarioDoc } from './scenario/document.ts';
import type { ParamInput } from './scenario/params.ts';
import { defaultSchedule } from './schedule.ts';
import { checkProperty } from './testing/check.ts';
import { allSettings, paramInput, validDocArb } from './testing/scenario-docs/index.ts';

const lib = builtinLibrary();
const ksm = (params: ParamInput = {}) => lib.instance('ksm-exit-race', params);

/** The diagram of a schedule with the notes the page would show on it. */
function diagramOfSchedule(sc: CompiledScenario, schedule: readonly TaskId[]): string {
  const r = replay(sc, schedule);
  if (!r.ok) throw new Error(r.problem.message);
  return diagramOf(sc, r.trace, notesOf(sc, r.trace));
}

/**
 * A feasible schedule drawn by `choices` (each picks among the tasks that can move), cut after
 * `cut` turns when that is shorter than the complete run. A step the model cannot run (a
 * generated document may release a lock it does not hold) ends it early.
 */
function drawSchedule(sc: CompiledScenario, choices: readonly number[], cut: number): TaskId[] {
  let s = sc.initial;
  const out: TaskId[] = [];
  for (let i = 0; out.length < cut; i++) {
    const enabled = enabledTasks(sc, s);
    if (enabled.length === 0) break;
    const t = enabled[(choices[i % Math.max(1, choices.length)] ?? 0) % enabled.length];
    try {
      s = applyTask(sc, s, t);
    } catch (e) {
      if (e instanceof ModelError) break;
      throw e;
    }
    out.push(t);
  }
  return out;
}

/** A parameter setting of `doc` drawn from its declarations (bounds naming earlier parameters resolved). */
function settingArb(doc: ScenarioDoc): fc.Arbitrary<ParamInput> {
  const params = doc.parameters ?? [];
  return fc
    .tuple(
      fc.constantFrom(...doc.variants.list.map((v) => v.id)),
      fc.array(fc.nat(), {
        minLength: params.length,
        maxLength: params.length,
      }),
    )
    .map(([variant, picks]) => {
      const out: Record<string, string | number | boolean> = { variant };
      params.forEach((p, i) => {
        const pick = picks[i];
        if (p.type === 'bool') out[p.name] = pick % 2 === 1;
        else if (p.type === 'enum') out[p.name] = p.values![pick % p.values!.length];
        else {
          const bound = (b: unknown) => (typeof b === 'number' ? b : Number(out[String(b)]));
          const lo = bound(p.min);
          const hi = bound(p.max);
          out[p.name] = lo + (pick % (hi - lo + 1));
        }
      });
      return out;
    });
}

/** A built-in scenario and a setting of it, as names (so a counterexample prints short). */
const builtinArb = fc
  .constantFrom(...lib.ids)
  .chain((id) => fc.tuple(fc.constant(id), settingArb(lib.doc(id)!)));

const generatedArb: fc.Arbitrary<CompiledScenario> = validDocArb().chain((d) =>
  fc
    .constantFrom(...allSettings(d.model))
    .map((s) => compileScenario(d.json as ScenarioDoc, paramInput(d.model, s))),
);

const scheduleArb = (sc: CompiledScenario) =>
  fc
    .tuple(
      fc.array(fc.nat(), { minLength: 1, maxLength: 40 }),
      fc.oneof(fc.constant(Infinity), fc.nat({ max: 60 })),
    )
    .map(([choices, cut]) => drawSchedule(sc, choices, cut));

/** How a reply might carry the diagram: quoted once or twice, with trailing spaces and blanks. */
const mangleArb = fc.record({
  quotes: fc.constantFrom('', '> ', '>', '> > ', '>> '),
  trailing: fc.array(fc.constantFrom('', ' ', '  ', '\t'), { minLength: 1, maxLength: 7 }),
  blanks: fc.array(fc.nat({ max: 30 }), { maxLength: 3 }),
});

function mangle(text: string, m: { quotes: string; trailing: string[]; blanks: number[] }): string {
  const lines = text.split('\n');
  for (const at of m.blanks) lines.splice(Math.min(at, lines.length), 0, '');
  return lines
    .map(
      (l, i) =>
        `${l === '' ? m.quotes.trimEnd() : m.quotes + l}${m.trailing[i % m.trailing.length]}`,
    )
    .join('\n');
}

const columns = (line: string) => Array.from(line).length;

function roundTrip(sc: CompiledScenario, schedule: TaskId[], m: Parameters<typeof mangle>[1]) {
  const text = diagramOfSchedule(sc, schedule);
  for (const line of text.split('\n')) {
    expect(columns(line), line).toBeLessThanOrEqual(80);
    // Text in one column only: after its indentation a line is words with single spaces.
    if (!line.startsWith('====') && line !== text.split('\n')[0]) {
      expect(line, 'one column per line').toMatch(/^ *\S+( \S+)*$|^$/);
    }
  }
  expect(parseDiagram(sc, text)).toEqual({ ok: true, schedule });
  expect(parseDiagram(sc, mangle(text, m))).toEqual({ ok: true, schedule });
}

describe('a diagram read back gives the schedule it was written from', () => {
  it('built-in scenarios, every variant and setting, complete and partial runs', () => {
    checkProperty(
      'diagram round trip (built-in)',
      fc.property(
        builtinArb.chain(([id, params]) =>
          fc.tuple(
            fc.constant(id),
            fc.constant(params),
            scheduleArb(lib.instance(id, params)),
            mangleArb,
          ),
        ),
        ([id, params, schedule, m]) => roundTrip(lib.instance(id, params), schedule, m),
      ),
      300,
    );
  }, 60_000);

  it('ksm-exit-race with 1 to 4 exiting processes (2 to 5 columns)', () => {
    for (let processes = 1; processes <= 4; processes++) {
      checkProperty(
        `diagram round trip (processes=${processes})`,
        fc.property(
          settingArb(lib.doc('ksm-exit-race')!).chain((p) => {
            const params = { ...p, processes, cursor: Math.min(Number(p.cursor), processes) };
            return fc.tuple(fc.constant(params), scheduleArb(ksm(params)), mangleArb);
          }),
          ([params, schedule, m]) => roundTrip(ksm(params), schedule, m),
        ),
        40,
      );
    }
  }, 60_000);

  it('random scenario documents', () => {
    checkProperty(
      'diagram round trip (generated documents)',
      fc.property(
        generatedArb.chain((sc) => fc.tuple(fc.constant(sc), scheduleArb(sc), mangleArb)),
        ([sc, schedule, m]) => roundTrip(sc, schedule, m),
      ),
      100,
    );
  }, 60_000);
});

/** Liam's diagram (spec section 6), run to completion in variant a. */
const EMAIL = `\
1: unmerge_and_remove_all_rmap_items()  2: __mmput() of the exiting process
spin_lock(&ksm_mmlist_lock)
ksm_scan.mm_slot = first slot on ksm_mm_head
spin_unlock(&ksm_mmlist_lock); mm = mm_slot->slot.mm
                                        atomic_dec_and_test(&mm->mm_users)
==== mm_users is 0, but mm_count is not ========================================
                                        ksm_exit(mm): test_bit(MMF_VM_MERGEABLE,
                                          &mm->flags)
                                        spin_lock(&ksm_mmlist_lock)
                                        mm_slot_lookup(); mm_slot !=
                                          ksm_scan.mm_slot?
==== The cursor test in __ksm_exit() ===========================================
                                        spin_unlock(&ksm_mmlist_lock)
                                        mmap_write_lock(mm)
                                        mmap_write_unlock(mm); return from
                                          ksm_exit()
                                        exit_mmap(): mmap_read_lock(mm)
                                        mas_find(); unmap_vmas()
                                        mmap_read_unlock(mm)
                                        mmap_write_lock(mm)
                                        free_pgtables(); remove_vma() loop
                                        __mt_destroy(&mm->mm_mt)
==== __mt_destroy() clears the flags ===========================================
                                        mmap_write_unlock(mm)
                                        mmdrop(mm)
mmap_read_lock(mm)
==== “I’m confused”: mmap_read_lock() is taken =================================
for_each_vma(vmi, vma) → mas_find() → mas_root()
==== lockdep checks the internal spinlock ======================================
remove_trailing_rmap_items(&mm_slot->rmap_list)
mmap_read_unlock(mm)
spin_lock(&ksm_mmlist_lock)
ksm_scan.mm_slot = next slot
if (ksm_test_exit(mm))
hash_del(&mm_slot->slot.hash); list_del(&mm_slot->slot.mm_node)
spin_unlock(&ksm_mmlist_lock)
mm_slot_free(mm_slot_cache, mm_slot)
clear_bit(MMF_VM_MERGEABLE, &mm->flags)
mmdrop(mm)
==== outcome: LOCKDEP_SPLAT ====================================================
`;

describe('the default scenario’s diagram', () => {
  const a = ksm({ variant: 'a_vma_iter' });
  const email = defaultSchedule(a);

  it('is the thread’s diagram, line for line', () => {
    expect(diagramOfSchedule(a, email)).toBe(EMAIL);
    expect(parseDiagram(a, EMAIL)).toEqual({ ok: true, schedule: email });
  });

  it('with five tasks, names the narrow columns by key and lets every label run right', () => {
    const five = ksm({ variant: 'a_vma_iter', processes: 4 });
    const lines = diagramOfSchedule(five, defaultSchedule(five)).split('\n');
    expect(lines[0]).toBe(
      '1:        2.1:      2.2:      2.3:      2.4: __mmput() of the exiting process',
    );
    // Task 2.1's first step in its column (10), task 2.4's too long for the room left at 40.
    expect(lines).toContain('          atomic_dec_and_test(&mm->mm_users)');
    const at = lines.indexOf(
      '                                        ksm_exit(mm): test_bit(MMF_VM_MERGEABLE,',
    );
    expect(lines[at + 1]).toBe('                                          &mm->flags)');
  });

  it('of a run cut short has no outcome banner', () => {
    const text = diagramOfSchedule(a, email.slice(0, 4));
    expect(text.split('\n').filter((l) => l.startsWith('===='))).toEqual([
      '==== mm_users is 0, but mm_count is not ========================================',
    ]);
  });
});

describe('reading a diagram written by hand', () => {
  const a = ksm({ variant: 'a_vma_iter' });
  const email = defaultSchedule(a);

  it('takes tabs, short forms, trailing ";", "..." abbreviations and a quoted reply', () => {
    const text = [
      '> 1:\t\t\t\t\t2:',
      '> spin_lock(&ksm_mmlist_lock);',
      '> ksm_scan.mm_slot = slot;',
      '> spin_unlock(&ksm_mmlist_lock)',
      '>\t\t\t\t\tatomic_dec_and_test(mm_users)',
      '> ==== mm->mm_users is 0, but mm_count is not',
      '>\t\t\t\t\tksm_exit(mm): test_bit(MMF_VM_MERGEABLE, ...',
      '>',
      '>\t\t\t\t\tspin_lock(&ksm_mmlist_lock);   ',
    ];
    expect(parseDiagram(a, text.join('\n'))).toEqual({ ok: true, schedule: email.slice(0, 6) });
  });

  it('finds the columns from the header wherever its keys are', () => {
    const text = [
      '1: ksmd    2: exit',
      'spin_lock(&ksm_mmlist_lock)',
      '           atomic_dec_and_test(&mm->mm_users)',
    ];
    expect(parseDiagram(a, text.join('\n'))).toEqual({ ok: true, schedule: [1, 2] });
  });
});

describe('a diagram that does not read gives the line and what was expected there', () => {
  const a = ksm({ variant: 'a_vma_iter' });
  const lines = EMAIL.split('\n');
  const edited = (at: number, line: string) =>
    [...lines.slice(0, at - 1), line, ...lines.slice(at)].join('\n');
  const fail = (line: number, message: string) => ({
    ok: false,
    problems: [{ line, message: `line ${line}: ${message}` }],
  });

  it('a line in the wrong column', () => {
    expect(parseDiagram(a, edited(5, 'atomic_dec_and_test(&mm->mm_users)'))).toEqual(
      fail(
        5,
        "task 1's next step is mmap_read_lock(mm), but the line reads " +
          '"atomic_dec_and_test(&mm->mm_users)", which is task 2\'s next step: ' +
          'is it in the wrong column?',
      ),
    );
  });

  it('a misspelt call', () => {
    expect(parseDiagram(a, edited(2, 'spin_lcok(&ksm_mmlist_lock)'))).toEqual(
      fail(
        2,
        "task 1's next step is spin_lock(&ksm_mmlist_lock), but the line reads " +
          '"spin_lcok(&ksm_mmlist_lock)"',
      ),
    );
  });

  it('a wrapped label that does not read names all its lines', () => {
    expect(
      parseDiagram(a, edited(8, '                                          &mm->flag')),
    ).toEqual(
      fail(
        7,
        "task 2's next step is ksm_exit(mm): test_bit(MMF_VM_MERGEABLE, &mm->flags), but " +
          'lines 7–8 read "ksm_exit(mm): test_bit(MMF_VM_MERGEABLE, &mm->flag"',
      ),
    );
  });

  it('a step that cannot run yet', () => {
    const text = [
      lines[0],
      'spin_lock(&ksm_mmlist_lock)',
      '                                        atomic_dec_and_test(&mm->mm_users)',
      '                                        ksm_exit(mm): test_bit(MMF_VM_MERGEABLE, &mm->flags)',
      '                                        spin_lock(&ksm_mmlist_lock)',
    ];
    expect(parseDiagram(a, text.join('\n'))).toEqual(
      fail(
        5,
        'spin_lock(&ksm_mmlist_lock) cannot run here: task 2 is waiting in ' +
          'spin_lock(&ksm_mmlist_lock): ksm_mmlist_lock is held by task 1 (spinlock)',
      ),
    );
  });

  it('a step after its task has finished', () => {
    expect(parseDiagram(a, `${EMAIL}mmdrop(mm)\n`)).toEqual(
      fail(41, 'task 1 has finished, so its column has no "mmdrop(mm)"'),
    );
  });

  it('a line in no column, and one inside a column but under no step', () => {
    expect(parseDiagram(a, '   1: ksmd      2: exit\nspin_lock(&ksm_mmlist_lock)')).toEqual(
      fail(
        2,
        '"spin_lock(&ksm_mmlist_lock)" starts at column 1, where no task\'s column starts (task 1 at 4, task 2 at 17)',
      ),
    );
    // Line 7 follows a banner, so it cannot continue the step before it.
    expect(parseDiagram(a, edited(7, '          ksm_exit(mm)'))).toEqual(
      fail(
        7,
        '"ksm_exit(mm)" starts at column 11, inside task 1\'s column but under no step of it; ' +
          'a step starts exactly at its column (task 1 at 1, task 2 at 41)',
      ),
    );
  });

  it('a missing or incomplete header', () => {
    expect(parseDiagram(a, lines.slice(1).join('\n'))).toEqual(
      fail(
        1,
        'expected the header naming each task\'s column ("1:", "2:"), ' +
          'not "spin_lock(&ksm_mmlist_lock)"',
      ),
    );
    expect(parseDiagram(a, edited(1, '1: ksmd'))).toEqual(
      fail(1, 'the header names no column for task 2: put "2:" where its column starts'),
    );
    expect(parseDiagram(a, '\n==== nothing ====\n')).toEqual(
      fail(1, 'the diagram has no header naming each task\'s column ("1:", "2:")'),
    );
  });
});
