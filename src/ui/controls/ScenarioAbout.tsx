import { useApp } from '../useApp.ts';

/**
 * The words about what is shown, behind one disclosure so the scenario bar stays one or two rows:
 * the scenario's summary (the scenario menu's description), the chosen variant's description and
 * kernel, what each parameter means, and every variant.
 */
export function ScenarioAbout() {
  const catalog = useApp((s) => s.catalog);
  const id = useApp((s) => (s.sim.requested ?? s.scenario).id);
  const variants = useApp((s) => s.sim.result?.info.variants);
  const variant = useApp((s) => (s.sim.requested ?? s.scenario).variant);
  const params = useApp((s) => s.sim.result?.info.params ?? []);
  const described = params.filter((p) => p.description);
  const entry = catalog.find((c) => c.id === id);
  const v = variants?.find((x) => x.id === variant) ?? variants?.[0];
  return (
    <details className="scenario-about">
      <summary>About{variants ? ` the ${variants.length} variants` : ''}</summary>
      <div className="scenario-about-body">
        <p id="scenario-summary">{entry?.summary}</p>
        {v && (
          <p className="variant-desc">
            <strong>{v.title}</strong>: {v.description}{' '}
            {v.kernel && <span className="kernel">{v.kernel}</span>}
          </p>
        )}
        {described.length > 0 && (
          <>
            <h2>Parameters</h2>
            <dl className="variants-about">
              {described.map((p) => (
                <div key={p.name}>
                  <dt>{p.label}</dt>
                  <dd>{p.description}</dd>
                </div>
              ))}
            </dl>
          </>
        )}
        {variants && (
          <>
            <h2>Variants</h2>
            <dl className="variants-about">
              {variants.map((x) => (
                <div key={x.id}>
                  <dt>{x.title}</dt>
                  <dd>
                    {x.description} {x.kernel && <span className="kernel">({x.kernel})</span>}
                  </dd>
                </div>
              ))}
            </dl>
          </>
        )}
      </div>
    </details>
  );
}
