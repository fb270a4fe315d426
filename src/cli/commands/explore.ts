/** `interleave explore`: every interleaving of one or all variants, counted exactly. */
import { explore, type Library, type ScenarioDoc } from '../../core/index.ts';
import { instanceOf, UsageError, type Io } from '../io.ts';
import { paramText, table, toExactJson } from '../format.ts';

export interface ExploreArgs {
  readonly library: Library;
  readonly doc: ScenarioDoc;
  readonly variant: string | undefined;
  readonly params: Record<string, string | number | boolean>;
  readonly limit: number | undefined;
  readonly json: boolean;
}

export function runExplore(a: ExploreArgs, io: Io): number {
  const ids = a.doc.variants.list.map((v) => v.id);
  const variants = a.variant === undefined || a.variant === 'all' ? ids : [a.variant];
  if (!ids.includes(variants[0])) {
    throw new UsageError(`unknown variant "${a.variant}"; use one of ${ids.join(', ')}, all`);
  }
  const results = [];
  let params: Readonly<Record<string, unknown>> = {};
  let outcomes: readonly string[] = [];
  for (const id of variants) {
    const scenario = instanceOf(a.library, a.doc.id, { ...a.params, variant: id });
    params = scenario.params;
    outcomes = scenario.outcomeNames;
    const r = explore(scenario, { limit: a.limit });
    if (!r.ok) {
      io.err(`explore ${id}: ${r.problem.message}\n`);
      return 1;
    }
    const s = r.exploration.summary;
    results.push({
      id,
      reachableStates: s.reachableStates,
      transitions: s.transitions,
      terminalStates: s.terminalStates,
      completeSchedules: s.completeSchedules,
      schedulesWith: s.schedulesWith,
      shortestWitness: s.shortestWitness,
    });
  }
  if (a.json) {
    io.out(
      toExactJson({
        model: a.doc.id,
        modelVersion: a.doc.version,
        scenario: params,
        variants: results,
      }) + '\n',
    );
    return 0;
  }
  const lines = [
    `${a.doc.id} v${a.doc.version}  ${paramText(params)}`,
    '',
    table(
      ['variant', 'states', 'transitions', 'terminal', 'schedules', ...outcomes],
      results.map((r) => [
        r.id,
        String(r.reachableStates),
        String(r.transitions),
        String(r.terminalStates),
        String(r.completeSchedules),
        ...outcomes.map((o) => String(r.schedulesWith[o])),
      ]),
    ),
  ];
  for (const r of results) {
    for (const [o, w] of Object.entries(r.shortestWitness)) {
      lines.push('', `${r.id}: shortest ${o} (${w.length} steps)`, '  ' + w.join(', '));
    }
  }
  io.out(lines.join('\n') + '\n');
  return 0;
}
