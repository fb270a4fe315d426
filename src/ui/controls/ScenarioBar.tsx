import { FixSwitch } from './FixSwitch.tsx';
import { ParamControls } from './ParamControls.tsx';
import { ScenarioPicker } from './ScenarioPicker.tsx';
import { VariantPicker } from './VariantPicker.tsx';
import { Verdict } from './Verdict.tsx';

/** What is shown: the scenario, its variant and fix, its parameters, and the verdict. */
export function ScenarioBar() {
  return (
    <section className="scenario" aria-label="Scenario">
      <ScenarioPicker />
      <VariantPicker />
      <FixSwitch />
      <ParamControls />
      <Verdict />
    </section>
  );
}
