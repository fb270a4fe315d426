import type { LockInfo, LockView, TaskStatus } from '../../core/index.ts';
import { modeWords } from '../../state/index.ts';

/** One lock instance: who holds it and who waits for it. */
export function LockRow({
  lock,
  view,
  statuses,
  taskKey,
}: {
  lock: LockInfo;
  view: LockView | undefined;
  statuses: readonly TaskStatus[];
  taskKey: (task: number) => string;
}) {
  const holders = view?.holders ?? [];
  const held = holders.map((h) => `task ${taskKey(h.task)} ${modeWords(h.mode, lock.kind)}`);
  const waiters = statuses.flatMap((st, i) =>
    st.kind === 'blocked' && st.lock === lock.name ? [`task ${taskKey(i + 1)}`] : [],
  );
  return (
    <div className="field" data-lock={lock.name} data-value={held.length === 0 ? 'free' : 'held'}>
      <dt title={lock.kind}>{lock.label}</dt>
      <dd>
        <span className="value">{held.length === 0 ? 'free' : `held by ${held.join(', ')}`}</span>
        {waiters.length > 0 && <span className="field-note">waiting: {waiters.join(', ')}</span>}
      </dd>
    </div>
  );
}
