/**
 * How a state field's value reads to a person, from its declaration: flag words in hex, an
 * int's named values, enum words, booleans as yes/no. `data-value` keeps the raw value.
 */
import type { FieldInfo, FieldValue } from '../../core/index.ts';

export function fieldText(f: FieldInfo, v: FieldValue | undefined): string {
  if (v === undefined) return '—';
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'number' && f.type === 'flags') return '0x' + v.toString(16);
  if (typeof v === 'number' && f.names) {
    const named = Object.entries(f.names).find(([, n]) => n === v);
    if (named) return named[0];
  }
  return String(v);
}

/** What a field is called in a panel: its label, else its name. */
export function fieldLabel(f: FieldInfo): string {
  return f.label ?? f.base;
}
