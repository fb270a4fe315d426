import { memo } from 'react';
import type { FieldInfo, LockInfo } from '../../core/index.ts';
import { changedAt, locksAt, stateAt, statusesAt, type SimOk } from '../../state/index.ts';
import { useApp } from '../useApp.ts';
import { useLaterCursor } from '../useLaterCursor.ts';
import { CounterChart } from './CounterChart.tsx';
import { FieldRow } from './FieldRow.tsx';
import { LockRow } from './LockRow.tsx';

interface Group {
  readonly name: string;
  readonly fields: FieldInfo[];
}

/** Fields by their declared group, in the order the groups first appear. */
function groupsOf(fields: readonly FieldInfo[]): Group[] {
  const groups: Group[] = [];
  for (const f of fields) {
    const name = f.group ?? 'state';
    let g = groups.find((x) => x.name === name);
    if (!g) groups.push((g = { name, fields: [] }));
    g.fields.push(f);
  }
  return groups;
}

/** The shared state at the cursor, grouped as the scenario groups it; one part per process. */
export const StatePanels = memo(function StatePanels() {
  const result = useApp((s) => s.sim.result);
  const cursor = useLaterCursor();
  if (!result) return null;
  const info = result.info;
  const shared = info.fields.filter((f) => f.index === undefined);
  const indices = [
    ...new Set(info.fields.flatMap((f) => (f.index === undefined ? [] : [f.index]))),
  ];
  const sharedLocks = info.locks.filter((l) => l.index === undefined);
  return (
    <section className="card state" aria-labelledby="state-title">
      <h2 id="state-title">
        State {cursor === 0 ? 'at the start' : `after step ${cursor}`}
        <span className="legend-changed">
          <span className="changed-tag">changed</span> by this step
        </span>
      </h2>
      <Part result={result} cursor={cursor} fields={shared} locks={sharedLocks} />
      {indices.map((i) => (
        <details key={i} className="process" open={indices.length <= 2 || i === 1}>
          <summary>
            Process {i} <span className="kind">the fields and locks of member {i}</span>
          </summary>
          <Part
            result={result}
            cursor={cursor}
            fields={info.fields.filter((f) => f.index === i)}
            locks={info.locks.filter((l) => l.index === i)}
          />
        </details>
      ))}
    </section>
  );
});

function Part({
  result,
  cursor,
  fields,
  locks,
}: {
  result: SimOk;
  cursor: number;
  fields: readonly FieldInfo[];
  locks: readonly LockInfo[];
}) {
  const state = stateAt(result, cursor);
  const prev = cursor > 0 ? stateAt(result, cursor - 1) : null;
  const changed = changedAt(result, cursor);
  const lockViews = locksAt(result, cursor);
  const statuses = statusesAt(result, cursor);
  const taskKey = (t: number) => result.info.lanes.find((l) => l.id === t)?.key ?? String(t);
  const groups = groupsOf(fields);
  const charted = fields.filter((f) => f.chart);
  const chartGroup = charted[0]?.group ?? 'state';
  return (
    <div className="groups">
      {locks.length > 0 && (
        <section className="group">
          <h3>locks</h3>
          <dl>
            {locks.map((l) => (
              <LockRow
                key={l.name}
                lock={l}
                view={lockViews.find((v) => v.lock === l.name)}
                statuses={statuses}
                taskKey={taskKey}
              />
            ))}
          </dl>
        </section>
      )}
      {groups.map((g) => (
        <section key={g.name} className="group">
          <h3>{g.name}</h3>
          <dl>
            {g.fields.map((f) => (
              <FieldRow
                key={f.name}
                field={f}
                value={state[f.name]}
                prev={prev?.[f.name]}
                changed={changed.has(f.name)}
              />
            ))}
          </dl>
          {g.name === chartGroup && charted.length > 0 && (
            <CounterChart result={result} cursor={cursor} fields={charted} />
          )}
        </section>
      ))}
    </div>
  );
}
