import { FixSwitch } from './FixSwitch.tsx';
import { ParamControls } from './ParamControls.tsx';
import { ScenarioPicker } from './ScenarioPicker.tsx';
import { VariantPicker } from './VariantPicker.tsx';
import { Verdict } from './Verdict.tsx';

/**
 * What is shown, in two rows: the scenario, its variant and fix, the verdict and the parameters.
 * The words about them are behind a disclosure in the masthead (ScenarioAbout).
 */
export function ScenarioBar() {
  return (
    <section className="scenario" aria-label="Scenario">
      <ScenarioPicker />
      <VariantPicker />
      <FixSwitch />
      <Verdict />
      <ParamControls />
    </section>
  );
}
