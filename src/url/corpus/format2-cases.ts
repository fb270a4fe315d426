/**
 * The format-2 views of the corpus: both built-in scenarios, one to three exiting processes,
 * every enum setting, default and seeded random complete schedules, with and without a
 * comparison. write-corpus.test.ts encodes them and records what each opens.
 */
import {
  builtinLibrary,
  completeSchedule,
  defaultSchedule,
  describeScenario,
  type TaskId,
} from '../../core/index.ts';
import { canonicalParams, mulberry32, type GenericView } from './corpus.ts';

interface ViewCase {
  readonly view: GenericView;
  readonly note: string;
}

const SETTINGS: readonly {
  scenario: string;
  variant: string;
  params: Record<string, boolean | number | string>;
  compare?: string;
}[] = [
  { scenario: 'ksm-exit-race', variant: 'a_vma_iter', params: {} },
  { scenario: 'ksm-exit-race', variant: 'b_early_check', params: { rmap_nonempty: true } },
  { scenario: 'ksm-exit-race', variant: 'a_vma_iter', params: { processes: 2 } },
  {
    scenario: 'ksm-exit-race',
    variant: 'a_vma_iter',
    params: { processes: 2, rmap_nonempty: true, cursor: 2 },
    compare: 'b_early_check',
  },
  { scenario: 'ksm-exit-race', variant: 'c_linked_list', params: { processes: 2, cursor: 1 } },
  { scenario: 'ksm-exit-race', variant: 'a_vma_iter', params: { processes: 3 } },
  {
    scenario: 'ksm-exit-race',
    variant: 'f_ctl_exit_ignores_cursor',
    params: { processes: 3, rmap_nonempty: true, cursor: 3 },
  },
  {
    scenario: 'ksm-exit-race',
    variant: 'd_early_plus_inloop',
    params: { processes: 3, cursor: 2 },
    compare: 'e_ctl_no_exit_checks',
  },
  { scenario: 'ksm-oom-deadlock', variant: 'a_mutex_in_ksm_exit', params: {} },
  {
    scenario: 'ksm-oom-deadlock',
    variant: 'b_exit_mmap_handshake',
    params: { oom: 'skips' },
    compare: 'a_mutex_in_ksm_exit',
  },
  { scenario: 'ksm-oom-deadlock', variant: 'c_no_fault_checks', params: { exit: 'oom' } },
  {
    scenario: 'ksm-oom-deadlock',
    variant: 'e_down_read_in_mmput',
    params: { oom: 'skips', exit: 'oom' },
  },
];

/** Each setting with its default schedule, and with a seeded random complete one. */
export function format2Views(): ViewCase[] {
  const rnd = mulberry32(20230309);
  const out: ViewCase[] = [];
  for (const s of SETTINGS) {
    const instance = builtinLibrary().instance(s.scenario, { ...s.params, variant: s.variant });
    const info = describeScenario(instance);
    const base = {
      scenario: s.scenario,
      version: info.version,
      params: canonicalParams(info),
      variant: s.variant,
      ...(s.compare ? { compare: s.compare } : {}),
    };
    const lanes = info.lanes.length;
    const tasks = defaultSchedule(instance);
    out.push({
      view: { ...base, tasks, cursor: Math.floor(tasks.length / 2) },
      note: `${s.scenario} ${JSON.stringify(s.params)}: the default schedule`,
    });
    const choices = Array.from(
      { length: Math.floor(rnd() * 60) },
      () => (1 + Math.floor(rnd() * lanes)) as TaskId,
    );
    const random = completeSchedule(instance, choices).tasks;
    out.push({
      view: { ...base, tasks: random, cursor: rnd() < 0.5 ? random.length : 0 },
      note: `${s.scenario} ${JSON.stringify(s.params)}: a random schedule`,
    });
  }
  return out;
}
