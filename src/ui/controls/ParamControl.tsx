import type { FieldValue, ParamInfo } from '../../core/index.ts';

/** One parameter as a control of its type: a checkbox, a number input or a choice. */
export function ParamControl({
  param,
  value,
  onChange,
}: {
  param: ParamInfo;
  value: FieldValue;
  onChange: (v: FieldValue) => void;
}) {
  const id = `param-${param.name}`;
  // A description is read with its control, and shown in full under "About" (ScenarioAbout), so
  // the scenario bar keeps to two rows.
  const describedBy = param.description ? `${id}-hint` : undefined;
  const hint = param.description && (
    <span id={`${id}-hint`} className="sr-only">
      {param.description}
    </span>
  );
  if (param.type === 'bool') {
    return (
      <div className="param param-bool">
        <input
          id={id}
          type="checkbox"
          checked={value === true}
          aria-describedby={describedBy}
          onChange={(e) => onChange(e.target.checked)}
        />{' '}
        <label htmlFor={id}>{param.label}</label>
        {hint}
      </div>
    );
  }
  if (param.type === 'enum') {
    return (
      <div className="param param-enum">
        <label htmlFor={id}>{param.label}</label>
        <select
          id={id}
          value={String(value)}
          aria-describedby={describedBy}
          onChange={(e) => onChange(e.target.value)}
        >
          {(param.values ?? []).map((w) => (
            <option key={w} value={w}>
              {w}
            </option>
          ))}
        </select>
        {hint}
      </div>
    );
  }
  const named = Object.entries(param.names ?? {});
  const n = typeof value === 'number' ? value : (param.names?.[String(value)] ?? 0);
  return (
    <div className="param param-int">
      <label htmlFor={id}>{param.label}</label>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={param.min}
        max={param.max}
        step={1}
        value={n}
        aria-describedby={`${id}-range`}
        onChange={(e) => {
          const v = e.target.valueAsNumber;
          const ok =
            Number.isInteger(v) &&
            (param.min === undefined || v >= param.min) &&
            (param.max === undefined || v <= param.max);
          if (ok) onChange(v);
        }}
      />
      <span id={`${id}-range`} className="hint">
        {param.min}–{param.max}
        {named.map(([w, k]) => `, ${k}: ${w}`).join('')}
      </span>
    </div>
  );
}
