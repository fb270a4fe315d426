/**
 * What every schedule with a bad outcome shares: the orderings of two tasks' steps that hold in
 * all of them but not in all clean ones. That is the race's condition, read off the state graph by
 * one forward pass, never by enumerating schedules.
 *
 * "Step a runs before step b" in a complete schedule means: b runs in it, and a has run before
 * b's first run (so before every run of b). An ordering is *shared* by the schedules ending in an
 * outcome when it holds in every one of them; a step that does not run in some of them is ordered
 * before nothing in the shared set.
 */
import { taskKey, type Scenario } from './engine.ts';
import { topologicalOrder, type StateGraph } from './state-graph.ts';

/** Step `before` runs before step `after` (step ids of two different tasks). */
export interface Ordering {
  readonly before: string;
  readonly after: string;
}

export type SharedOrderings =
  /** The tightest orderings, sorted by the later step, then the earlier, in document order. */
  | { readonly kind: 'orderings'; readonly orderings: readonly Ordering[] }
  /** No complete schedule ends in the outcome. */
  | { readonly kind: 'no-schedules'; readonly message: string }
  /** Every complete schedule has a bad outcome: nothing clean to set the outcome apart from. */
  | { readonly kind: 'no-clean-schedules'; readonly message: string }
  /** More states than the pass takes (its memory is a bitset of every step per state). */
  | {
      readonly kind: 'too-big';
      readonly states: number;
      readonly limit: number;
      readonly message: string;
    };

export interface SharedOrderingsOptions {
  /** Refuse (kind `too-big`) past this many states; 2,000,000 by default, the page's limit. */
  readonly limit?: number;
  /** Keep every shared ordering instead of only the tightest ones. */
  readonly all?: boolean;
}

const DEFAULT_LIMIT = 2_000_000;

/**
 * The shared orderings of the schedules ending in `column` that do not hold in every schedule
 * ending in `cleanColumn` (the one with no bad outcome), reduced to the tightest statements: an
 * ordering is dropped when another one kept implies it through the order of the two tasks' own
 * steps (if task 1's `spin_unlock` runs before X, so does every step task 1 always runs before
 * its `spin_unlock`). `outcome` names the column in messages.
 */
export function findSharedOrderings(
  scenario: Scenario,
  graph: StateGraph,
  column: number,
  cleanColumn: number,
  outcome: string,
  options: SharedOrderingsOptions = {},
): SharedOrderings {
  const limit = options.limit ?? DEFAULT_LIMIT;
  if (!graph.reaches(column, 0)) {
    return { kind: 'no-schedules', message: `No complete schedule ends in ${outcome}.` };
  }
  if (!graph.reaches(cleanColumn, 0)) {
    return {
      kind: 'no-clean-schedules',
      message: `Every complete schedule ends in a bad outcome: no clean schedule sets ${outcome} apart.`,
    };
  }
  if (graph.states > limit) {
    return {
      kind: 'too-big',
      states: graph.states,
      limit,
      message: `What the schedules ending in ${outcome} share is worked out for up to ${limit} states; this exploration has ${graph.states}.`,
    };
  }
  const ids = [...scenario.steps.keys()];
  const taskOf = Int32Array.from(ids, (id) => scenario.steps.get(id)!.task);
  const [bad, clean] = orderedInEvery(scenario, graph, [column, cleanColumn], ids);
  const nSteps = ids.length;
  const shared = new Uint8Array(nSteps * nSteps);
  for (let b = 0; b < nSteps; b++) {
    for (let a = 0; a < nSteps; a++) {
      if (taskOf[a] !== taskOf[b] && bad.holds(a, b) && !clean.holds(a, b))
        shared[a * nSteps + b] = 1;
    }
  }
  // (a, b) is implied by (a2, b2) when a runs before a2 in its task and b2 before b in its task,
  // both in every schedule ending in the outcome: then a, a2, b2, b run in that order.
  const atOrBefore = (x: number, y: number) =>
    x === y || (taskOf[x] === taskOf[y] && bad.holds(x, y));
  const implied = (a: number, b: number): boolean => {
    for (let a2 = 0; a2 < nSteps; a2++) {
      if (!atOrBefore(a, a2)) continue;
      for (let b2 = 0; b2 < nSteps; b2++) {
        if ((a2 !== a || b2 !== b) && shared[a2 * nSteps + b2] && atOrBefore(b2, b)) return true;
      }
    }
    return false;
  };
  const orderings: Ordering[] = [];
  for (let b = 0; b < nSteps; b++) {
    for (let a = 0; a < nSteps; a++) {
      if (shared[a * nSteps + b] && (options.all || !implied(a, b))) {
        orderings.push({ before: ids[a], after: ids[b] });
      }
    }
  }
  return { kind: 'orderings', orderings };
}

/** The orderings that hold in every complete schedule ending in one column. */
interface Universal {
  holds(a: number, b: number): boolean;
}

/**
 * One forward pass in topological order, restricted per column to the states from which that
 * column is still reachable (exactly the prefixes of its schedules). It carries, per state, the
 * bitset of steps that ran on every such path to it. A step `b` runs in every schedule when it is
 * in the set of every final state; `a` runs before `b` in every schedule when it is in the set of
 * every state where `b` is taken.
 */
function orderedInEvery(
  scenario: Scenario,
  graph: StateGraph,
  columns: readonly number[],
  ids: readonly string[],
): Universal[] {
  const { states: n, nTasks, succ } = graph;
  const stepIndex = new Map(ids.map((id, i) => [id, i]));
  const words = Math.ceil(ids.length / 32);
  const lanes = columns.map(() => ({
    ranOn: new Uint32Array(n * words),
    always: new Uint32Array(words).fill(~0),
    before: new Uint32Array(ids.length * words).fill(~0),
  }));
  // Bit l of inLane[i]: state i lies on a schedule ending in columns[l] (its set is started).
  const inLane = new Uint8Array(n);
  columns.forEach((c, l) => {
    if (graph.reaches(c, 0)) inLane[0] |= 1 << l;
  });
  const order = topologicalOrder(n, nTasks, succ);
  for (let k = 0; k < n; k++) {
    const i = order[k];
    if (inLane[i] === 0) continue;
    const s = graph.stateOf(i);
    let moves = false;
    for (let t = 0; t < nTasks; t++) {
      const j = succ[i * nTasks + t];
      if (j < 0) continue;
      moves = true;
      let step = -1;
      for (let l = 0; l < lanes.length; l++) {
        if (!(inLane[i] & (1 << l)) || !graph.reaches(columns[l], j)) continue;
        if (step < 0) step = stepIndex.get(scenario.pcOf(s, scenario.tasks[t].id))!;
        const { ranOn, before } = lanes[l];
        const from = i * words;
        const to = j * words;
        const isFirst = !(inLane[j] & (1 << l));
        for (let w = 0; w < words; w++) {
          before[step * words + w] &= ranOn[from + w];
          const row = ranOn[from + w] | (w === step >>> 5 ? 1 << (step & 31) : 0);
          ranOn[to + w] = isFirst ? row : ranOn[to + w] & row;
        }
        inLane[j] |= 1 << l;
      }
    }
    if (!moves) {
      lanes.forEach((lane, l) => {
        if (!(inLane[i] & (1 << l))) return;
        for (let w = 0; w < words; w++) lane.always[w] &= lane.ranOn[i * words + w];
      });
    }
  }
  const has = (bits: Uint32Array, offset: number, x: number) =>
    (bits[offset + (x >>> 5)] & (1 << (x & 31))) !== 0;
  return lanes.map(({ always, before }) => ({
    holds: (a, b) => has(always, 0, b) && has(before, b * words, a),
  }));
}

/**
 * The orderings in kernel words, one sentence per step they are about: "task 2's kfree(obj) runs
 * after task 1's spin_unlock(&lock) and before its use(obj)". Each sentence is about the step in
 * the most orderings left (a later step first on a tie), so a step squeezed between two others
 * gets one sentence. Steps are named by their one-line label (`short`, else `label`, as on the
 * timeline), with an ordinal where a task has two steps of the same words; tasks by their key.
 * Lower case and no full stop, like the other sentences of src/core/words.ts.
 */
export function describeOrderings(scenario: Scenario, orderings: readonly Ordering[]): string[] {
  const docIndex = new Map([...scenario.steps.keys()].map((id, i) => [id, i]));
  const byDoc = (x: string, y: string) => (docIndex.get(x) ?? 0) - (docIndex.get(y) ?? 0);
  const words = stepWords(scenario);
  const taskOf = (id: string) => scenario.steps.get(id)?.task ?? 0;
  const taskWords = (id: string) => `task ${taskKey(scenario, taskOf(id))}`;
  let rest = [...orderings];
  const sentences: string[] = [];
  while (rest.length > 0) {
    const subject = subjectOf(rest, byDoc);
    const afterWhat = rest.filter((o) => o.after === subject).map((o) => o.before);
    const beforeWhat = rest.filter((o) => o.before === subject).map((o) => o.after);
    rest = rest.filter((o) => o.after !== subject && o.before !== subject);
    let lastTask: number | undefined;
    const refer = (id: string) => {
      const isSame = taskOf(id) === lastTask;
      lastTask = taskOf(id);
      return `${isSame ? 'its' : `${taskWords(id)}'s`} ${words(id)}`;
    };
    const clauses: string[] = [];
    if (afterWhat.length > 0) clauses.push(`after ${listWords(afterWhat.sort(byDoc).map(refer))}`);
    if (beforeWhat.length > 0) {
      clauses.push(`before ${listWords(beforeWhat.sort(byDoc).map(refer))}`);
    }
    sentences.push(`${taskWords(subject)}'s ${words(subject)} runs ${clauses.join(' and ')}`);
  }
  return sentences;
}

/** The step in the most orderings; on a tie, the one that is the later step in more, then document order. */
function subjectOf(orderings: readonly Ordering[], byDoc: (x: string, y: string) => number) {
  const count = new Map<string, number>();
  const asLater = new Map<string, number>();
  for (const o of orderings) {
    count.set(o.after, (count.get(o.after) ?? 0) + 1);
    count.set(o.before, (count.get(o.before) ?? 0) + 1);
    asLater.set(o.after, (asLater.get(o.after) ?? 0) + 1);
  }
  const rank = (id: string) => [count.get(id)!, asLater.get(id) ?? 0];
  return [...count.keys()].reduce((best, id) => {
    const [c, l] = rank(id);
    const [cb, lb] = rank(best);
    return c > cb || (c === cb && (l > lb || (l === lb && byDoc(id, best) < 0))) ? id : best;
  });
}

/** "a", "a and b", "a, b and c". */
function listWords(items: readonly string[]): string {
  return items.length <= 1
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth'];

/**
 * A step's words within its task: its one-line label (`short`, else `label`), with an ordinal
 * in document order when the task has other steps of the same words ("second spin_lock(…)").
 */
function stepWords(scenario: Scenario): (id: string) => string {
  const oneLine = (id: string) => {
    const def = scenario.steps.get(id);
    return def?.short ?? def?.label ?? id;
  };
  const alike = new Map<string, string[]>();
  for (const def of scenario.steps.values()) {
    const key = `${def.task}\n${oneLine(def.id)}`;
    alike.set(key, [...(alike.get(key) ?? []), def.id]);
  }
  return (id) => {
    const same = alike.get(`${scenario.steps.get(id)?.task}\n${oneLine(id)}`) ?? [id];
    if (same.length <= 1) return oneLine(id);
    const k = same.indexOf(id);
    return `${ORDINALS[k] ?? `${k + 1}th`} ${oneLine(id)}`;
  };
}
