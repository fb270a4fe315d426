/**
 * How a field's value reads to a person, from its declaration: flags in hex (`0x301`), an int's
 * named values (`head`), enum words and booleans as they are. The CLI and the page both use it.
 */
import type { FieldValue } from '../engine.ts';
import type { ScenarioDoc } from './document.ts';

/** The field a display name (`refs`, `refs.2`) belongs to. */
export function fieldDocOf(doc: ScenarioDoc, name: string) {
  const base = name.replace(/\.\d+$/, '');
  return (doc.state ?? []).find((f) => f.name === base);
}

export function formatFieldValue(doc: ScenarioDoc, name: string, v: FieldValue): string {
  const f = fieldDocOf(doc, name);
  if (typeof v === 'number' && f?.type === 'flags') return '0x' + v.toString(16);
  if (typeof v === 'number' && f?.names) {
    const named = Object.entries(f.names).find(([, n]) => n === v);
    if (named) return named[0];
  }
  return String(v);
}

/** A field's value for JSON output: numbers and booleans stay, flags become hex, names words. */
export function jsonFieldValue(doc: ScenarioDoc, name: string, v: FieldValue): FieldValue {
  const f = fieldDocOf(doc, name);
  if (typeof v !== 'number') return v;
  if (f?.type === 'flags') return formatFieldValue(doc, name, v);
  const named = Object.entries(f?.names ?? {}).find(([, n]) => n === v);
  return named ? named[0] : v;
}
