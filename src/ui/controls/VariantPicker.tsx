import { useActions, useApp } from '../useApp.ts';

/** The variant menu; the variants' descriptions are in ScenarioAbout. */
export function VariantPicker() {
  const variants = useApp((s) => s.sim.result?.info.variants);
  const variant = useApp((s) => (s.sim.requested ?? s.scenario).variant);
  const { setVariant } = useActions();
  if (!variants) return null;
  const v = variants.find((x) => x.id === variant) ?? variants[0];
  return (
    <div className="scenario-variant">
      <label htmlFor="variant">Variant</label>
      <select id="variant" value={v.id} onChange={(e) => void setVariant(e.target.value)}>
        {variants.map((x) => (
          <option key={x.id} value={x.id}>
            {x.title}
          </option>
        ))}
      </select>
    </div>
  );
}
