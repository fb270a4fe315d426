import { memo } from 'react';
import type { FieldInfo, FieldValue } from '../../core/index.ts';
import { fieldLabel, fieldText } from './field-format.ts';
import { FlagBits } from './FlagBits.tsx';

/** One field. Props are stable per field, so only the fields a step touches re-render. */
export const FieldRow = memo(function FieldRow({
  field,
  value,
  prev,
  changed,
}: {
  field: FieldInfo;
  value: FieldValue | undefined;
  prev: FieldValue | undefined;
  changed: boolean;
}) {
  const about = [field.object, field.description].filter(Boolean).join(' — ');
  return (
    <div
      className={`field${changed ? ' changed' : ''}`}
      data-field={field.name}
      data-value={String(value)}
      data-changed={changed || undefined}
    >
      <dt title={about || undefined}>
        {fieldLabel(field)}
        {field.object && field.label === undefined && (
          <span className="sr-only"> ({field.object})</span>
        )}
      </dt>
      <dd>
        <span className="value">{fieldText(field, value)}</span>
        {changed && prev !== undefined && (
          <span className="was">
            <span className="changed-tag">changed</span> was {fieldText(field, prev)}
          </span>
        )}
        {field.bits && typeof value === 'number' && (
          <FlagBits bits={field.bits} flags={value} label={fieldLabel(field)} />
        )}
      </dd>
    </div>
  );
});
