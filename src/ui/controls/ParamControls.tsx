import { useActions, useApp } from '../useApp.ts';
import { ParamControl } from './ParamControl.tsx';

/** The scenario's parameters, each a control generated from its declaration. */
export function ParamControls() {
  const params = useApp((s) => s.sim.result?.info.params);
  const values = useApp((s) => (s.sim.requested ?? s.scenario).params);
  const { setParams } = useActions();
  if (!params || params.length === 0) return null;
  return (
    <fieldset className="scenario-params">
      <legend>Parameters</legend>
      {params.map((p) => (
        <ParamControl
          key={p.name}
          param={p}
          value={values[p.name] ?? p.value}
          onChange={(v) => void setParams({ [p.name]: v })}
        />
      ))}
    </fieldset>
  );
}
