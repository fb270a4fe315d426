/** `interleave scenarios`: the built-in scenarios with their parameters and variants. */
import type { Library } from '../../core/index.ts';
import { toExactJson } from '../format.ts';
import type { Io } from '../io.ts';

export function runScenarios(library: Library, json: boolean, io: Io): number {
  const docs = library.ids.map((id) => library.doc(id)!);
  if (json) {
    io.out(
      toExactJson(
        docs.map((d) => ({
          id: d.id,
          version: d.version,
          title: d.title,
          summary: d.summary,
          parameters: (d.parameters ?? []).map((p) => ({
            name: p.name,
            type: p.type,
            default: p.default,
            ...(p.min !== undefined ? { min: p.min } : {}),
            ...(p.max !== undefined ? { max: p.max } : {}),
            ...(p.values ? { values: p.values } : {}),
            ...(p.names ? { names: p.names } : {}),
          })),
          variants: d.variants.list.map((v) => ({ id: v.id, title: v.title })),
          defaultVariant: d.variants.default,
        })),
      ) + '\n',
    );
    return 0;
  }
  const lines: string[] = [];
  for (const d of docs) {
    lines.push(
      `${d.id} v${d.version}: ${d.title}`,
      `  ${d.summary.replace(/\s+/g, ' ')}`,
      '  parameters:',
    );
    for (const p of d.parameters ?? []) {
      const range =
        p.type === 'bool'
          ? 'true|false'
          : p.type === 'enum'
            ? (p.values ?? []).join('|')
            : `${p.min ?? ''}..${p.max ?? ''}${p.names ? ` or ${Object.keys(p.names).join('|')}` : ''}`;
      lines.push(
        `    ${p.name.padEnd(16)} ${range.padEnd(22)} default ${String(p.default)}  ${p.label}`,
      );
      const flags = typeof p.flag === 'string' ? { [p.flag]: true } : (p.flag ?? {});
      for (const [flag, value] of Object.entries(flags)) {
        lines.push(`    ${''.padEnd(16)} --${flag} sets ${p.name}=${String(value)}`);
      }
    }
    lines.push('  variants:');
    for (const v of d.variants.list) {
      lines.push(
        `    ${v.id.padEnd(28)} ${v.title}${v.id === d.variants.default ? '  (default)' : ''}`,
      );
    }
    lines.push('');
  }
  io.out(lines.join('\n'));
  return 0;
}
