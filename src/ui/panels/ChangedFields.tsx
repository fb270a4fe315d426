import { useId, useMemo } from 'react';
import { changedAt, stateAt, type SimOk } from '../../state/index.ts';
import { fieldText } from './field-format.ts';

/**
 * The fields step k changed, by their scenario names, `flags: 0x301 → 0x0`, as the command
 * line's replay prints them; the state panels below show every field.
 */
export function ChangedFields({ result, k }: { result: SimOk; k: number }) {
  const id = useId();
  const fields = useMemo(() => new Map(result.info.fields.map((f) => [f.name, f])), [result]);
  const changed = [...changedAt(result, k)];
  const before = stateAt(result, k - 1);
  const after = stateAt(result, k);
  return (
    <div className="changed-fields">
      <h3 id={id}>Changed by step {k}</h3>
      {changed.length === 0 ? (
        <p className="subtle">No field: the step moves locks or control flow only.</p>
      ) : (
        <ul aria-labelledby={id}>
          {changed.map((name) => {
            const f = fields.get(name);
            const text = (v: (typeof after)[string]) => (f ? fieldText(f, v) : String(v));
            return (
              <li key={name} data-changed-field={name}>
                <code>{name}</code>: {text(before[name])} → <strong>{text(after[name])}</strong>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
