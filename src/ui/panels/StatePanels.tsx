import { memo, type ReactNode } from 'react';
import type { TaskStatus } from '../../core/index.ts';
import {
  changedAt,
  formatFieldValue,
  MT_FLAG_BITS,
  specName,
  stateAt,
  statusesAt,
  VARIANTS,
  type FieldKey,
  type KsmState,
} from '../../state/index.ts';
import { useApp } from '../useApp.ts';
import { RefcountChart } from './RefcountChart.tsx';

type Value = KsmState[FieldKey];

/** How a value reads to a person; `data-value` keeps the spec's raw form. */
function display(key: FieldKey, v: Value): ReactNode {
  switch (key) {
    case 'mtFlags':
      return <code>{'0x' + (v as number).toString(16)}</code>;
    case 'mmlistOwner':
      return v === 'none' ? 'free' : `held by task ${String(v).slice(1)}`;
    case 'cursor':
      return v === 'slot' ? 'our mm_slot' : '&ksm_mm_head';
    case 'vmasPopulated':
      return v ? 'populated' : 'NULL';
    case 'rmapNonempty':
      return v ? 'non-empty' : 'NULL (empty)';
    case 'pgtables':
      return String(v);
    case 'mmapWriter':
      return v ? 'task 2' : 'none';
    default:
      return typeof v === 'boolean' ? (v ? 'yes' : 'no') : String(v);
  }
}

/** One field. Props are primitives, so only the fields a step touches re-render. */
const Field = memo(function Field({
  name,
  field,
  raw,
  value,
  prev,
  changed,
  note,
}: {
  name: string;
  field: FieldKey;
  raw: string;
  value: Value;
  prev: Value | undefined;
  changed: boolean;
  note?: string;
}) {
  return (
    <div
      className={`field${changed ? ' changed' : ''}`}
      data-field={specName(field)}
      data-value={raw}
      data-changed={changed || undefined}
    >
      <dt>{name}</dt>
      <dd>
        <span className="value">{display(field, value)}</span>
        {changed && prev !== undefined && (
          <span className="was">
            <span className="changed-tag">changed</span> was {display(field, prev)}
          </span>
        )}
        {field === 'mtFlags' && note === undefined && <FlagBits flags={value as number} />}
        {note && <span className="field-note">{note}</span>}
      </dd>
    </div>
  );
});

function waitersOf(statuses: readonly TaskStatus[], lock: string): string {
  const w = statuses
    .map((st, i) =>
      st.kind === 'blocked' && st.lock === lock ? `task ${i + 1} (${st.mode})` : null,
    )
    .filter(Boolean);
  return w.length === 0 ? 'none' : w.join(', ');
}

function FlagBits({ flags }: { flags: number }) {
  return (
    <ul className="bits" aria-label="ma_flags bits">
      {MT_FLAG_BITS.map(([name, mask]) => {
        const on = (flags & mask) === mask;
        return (
          <li key={name} className={on ? 'bit-on' : 'bit-off'}>
            <span aria-hidden="true">{on ? '■' : '□'}</span> {name}
            <span className="sr-only">{on ? ' set' : ' clear'}</span>
          </li>
        );
      })}
    </ul>
  );
}

/** The shared state at the cursor, grouped as the kernel groups it. */
export const StatePanels = memo(function StatePanels() {
  const result = useApp((s) => s.sim.result);
  const cursor = useApp((s) => s.playback.cursor);
  const variant = useApp((s) => s.scenario.variant);
  if (!result) return null;
  const s = stateAt(result, cursor);
  const prev = cursor > 0 ? stateAt(result, cursor - 1) : null;
  const changed = changedAt(result, cursor);
  const statuses = statusesAt(result, cursor);
  const maple = VARIANTS[variant].maple;
  const f = (name: string, field: FieldKey, note?: string) => (
    <Field
      name={name}
      field={field}
      raw={formatFieldValue(field, s)}
      value={s[field]}
      prev={prev?.[field]}
      changed={changed.has(field)}
      note={note}
    />
  );
  return (
    <section className="card state" aria-labelledby="state-title">
      <h2 id="state-title">
        State {cursor === 0 ? 'at the start' : `after step ${cursor}`}
        <span className="legend-changed">
          <span className="changed-tag">changed</span> by this step
        </span>
      </h2>
      <div className="groups">
        <section className="group" aria-labelledby="g-mm">
          <h3 id="g-mm">
            mm <span className="kind">struct mm_struct</span>
          </h3>
          <dl>
            {f('mm_users', 'mmUsers')}
            {f('mm_count', 'mmCount')}
            {f('freed (__mmdrop)', 'mmFreed')}
          </dl>
          <RefcountChart result={result} cursor={cursor} />
        </section>
        <section className="group" aria-labelledby="g-mmap">
          <h3 id="g-mmap">
            mmap_lock <span className="kind">{'mm->mmap_lock, an rwsem'}</span>
          </h3>
          <dl>
            {f('readers', 'mmapReaders')}
            {f('writer', 'mmapWriter')}
            <div className="field derived">
              <dt>waiters</dt>
              <dd>
                <span className="value">{waitersOf(statuses, 'mmap_lock')}</span>
              </dd>
            </div>
          </dl>
        </section>
        <section className="group" aria-labelledby="g-mt">
          <h3 id="g-mt">
            {maple ? 'maple tree' : 'VMA list'}{' '}
            <span className="kind">{maple ? 'mm->mm_mt' : 'v6.0: mm->mmap, no maple tree'}</span>
          </h3>
          <dl>
            {f('ma_flags', 'mtFlags', maple ? undefined : 'unused in v6.0')}
            {f(maple ? 'ma_root' : 'mm->mmap', 'vmasPopulated')}
            {f('nodes freed', 'nodesFreed')}
            {maple && (
              <div className="field derived">
                <dt>ma_lock</dt>
                <dd>
                  <span className="value">never held</span>
                  <span className="field-note">shares a union with ma_external_lock</span>
                </dd>
              </div>
            )}
          </dl>
        </section>
        <section className="group" aria-labelledby="g-ksm">
          <h3 id="g-ksm">
            KSM <span className="kind">mm/ksm.c</span>
          </h3>
          <dl>
            {f('ksm_mmlist_lock', 'mmlistOwner')}
            {f('ksm_scan.mm_slot', 'cursor')}
            {f('slot listed', 'slotListed')}
            {f('slot freed', 'slotFreed')}
            {f('rmap_list', 'rmapNonempty')}
            {f('MMF_VM_MERGEABLE', 'mmfMergeable')}
          </dl>
        </section>
        <section className="group" aria-labelledby="g-vma">
          <h3 id="g-vma">
            VMA and page tables <span className="kind">one VM_MERGEABLE VMA, one page</span>
          </h3>
          <dl>
            {f('VMA freed', 'vmaFreed')}
            {f('page tables', 'pgtables')}
          </dl>
        </section>
      </div>
    </section>
  );
});
