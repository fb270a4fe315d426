import type { Report } from '../../core/index.ts';

/** One report: the console text as the kernel prints it, and what it means. */
export function ReportView({ report, title }: { report: Report; title: string }) {
  return (
    <div className="report">
      {report.console.length > 0 && (
        <pre className="console" tabIndex={0} aria-label={`Kernel console: ${title}`}>
          {report.console.map((l, i) => (
            <span key={i} className={l.strong ? 'strong' : l.dim ? 'dim' : undefined}>
              {l.text}
              {'\n'}
            </span>
          ))}
        </pre>
      )}
      <p className="report-explain">{report.explain}</p>
    </div>
  );
}
