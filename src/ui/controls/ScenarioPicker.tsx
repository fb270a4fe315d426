import { useActions, useApp } from '../useApp.ts';

/** The scenario library: every built-in race; the chosen one's summary is in ScenarioAbout. */
export function ScenarioPicker() {
  const catalog = useApp((s) => s.catalog);
  const id = useApp((s) => (s.sim.requested ?? s.scenario).id);
  const { setScenario } = useActions();
  return (
    <div className="scenario-pick">
      <label htmlFor="scenario">Scenario</label>
      <select
        id="scenario"
        value={id}
        aria-describedby="scenario-summary"
        onChange={(e) => void setScenario(e.target.value)}
      >
        {catalog.map((c) => (
          <option key={c.id} value={c.id}>
            {c.title}
          </option>
        ))}
      </select>
    </div>
  );
}
