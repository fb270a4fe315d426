import { memo, useMemo } from 'react';
import { stateAt, TASKS, VARIANTS } from '../../state/index.ts';
import { task1Code, task2Code, type CodeLine } from '../content/pseudocode.ts';
import { useApp } from '../useApp.ts';

/** Both tasks as kernel-vocabulary pseudo-code, with the line of the step at the cursor lit. */
export const SourcePane = memo(function SourcePane() {
  const result = useApp((s) => s.sim.result);
  const cursor = useApp((s) => s.playback.cursor);
  const variant = useApp((s) => s.scenario.variant);
  const code = useMemo(
    () => [task1Code(VARIANTS[variant]), task2Code(VARIANTS[variant])],
    [variant],
  );
  const urls = useMemo(
    () => new Map(result?.steps.flatMap((s) => (s.source ? [[s.id, s.source.url]] : [])) ?? []),
    [result],
  );
  if (!result) return null;
  const current = cursor > 0 ? result.trace.steps[cursor - 1] : undefined;
  const s = stateAt(result, cursor);
  const next = [s.pc1, s.pc2];
  return (
    <section className="card source" aria-labelledby="source-title">
      <h2 id="source-title">
        Source
        <span className="subtle">
          pseudo-code in kernel vocabulary; every line links to the upstream source on elixir
        </span>
      </h2>
      <div className="source-cols">
        {code.map((lines, i) => (
          <CodeColumn
            key={i}
            task={i + 1}
            lines={lines}
            urls={urls}
            current={current?.task === i + 1 ? current.stepId : undefined}
            next={next[i]}
          />
        ))}
      </div>
    </section>
  );
});

const CodeColumn = memo(function CodeColumn({
  task,
  lines,
  urls,
  current,
  next,
}: {
  task: number;
  lines: readonly CodeLine[];
  urls: ReadonlyMap<string, string>;
  current: string | undefined;
  next: string;
}) {
  const title = TASKS[task - 1].name;
  return (
    <div className={`code-col task-${task}`}>
      <h3>{title}</h3>
      <ol className="code" aria-label={`${title}, pseudo-code`}>
        {lines.map((l, i) => (
          <CodeRow
            key={i}
            line={l}
            href={(l.step && urls.get(l.step)) ?? l.href}
            isCurrent={l.step !== undefined && l.step === current}
            isNext={l.step !== undefined && l.step === next && l.step !== current}
          />
        ))}
      </ol>
      <p className="code-key">
        <span aria-hidden="true">●</span> step at the cursor · <span aria-hidden="true">▸</span>{' '}
        where task {task} goes next
      </p>
    </div>
  );
});

/** One line; memoised so a step re-renders only the lines whose marks change. */
const CodeRow = memo(function CodeRow({
  line,
  href,
  isCurrent,
  isNext,
}: {
  line: CodeLine;
  href: string | undefined;
  isCurrent: boolean;
  isNext: boolean;
}) {
  const cls = isCurrent ? 'current' : isNext ? 'next' : undefined;
  const pad = { paddingLeft: `${line.indent * 2}ch` };
  return (
    <li className={cls} aria-current={isCurrent ? 'step' : undefined}>
      <span className="gutter-mark" aria-hidden="true" />
      {href ? (
        <a href={href} target="_blank" rel="noreferrer" style={pad}>
          {line.text}
        </a>
      ) : (
        <span style={pad}>{line.text}</span>
      )}
    </li>
  );
});
