import { useActions, useApp } from '../useApp.ts';
import { SINGLE_KEYS } from './shortcuts.ts';

/**
 * The bug/fix pair a scenario declares, as one prominent switch. Its key (f) presses it where
 * the person is: focus stays put (on the step being studied, say), and the outcome panels and
 * the verdict change in place.
 */
export function FixSwitch() {
  const info = useApp((s) => s.sim.result?.info);
  const variant = useApp((s) => (s.sim.requested ?? s.scenario).variant);
  const { setFix } = useActions();
  const fix = info?.fix;
  if (!info || !fix) return null;
  const on = variant === fix.fixed;
  const title = (id: string) => info.variants.find((x) => x.id === id)?.title ?? id;
  return (
    <div className="scenario-switch">
      <input
        type="checkbox"
        role="switch"
        id="fix-switch"
        aria-keyshortcuts={SINGLE_KEYS.fix.key}
        checked={on}
        onChange={(e) => void setFix(e.target.checked)}
      />
      <label htmlFor="fix-switch">
        <span className="switch-track" aria-hidden="true">
          <span className="switch-thumb" />
        </span>
        <span className="switch-text">
          <strong>{fix.label}</strong>
          <span className="switch-sub">
            {on
              ? `On: ${title(fix.fixed)}`
              : `Off: ${title(variant === fix.bug ? fix.bug : variant)}`}
          </span>
        </span>
      </label>
    </div>
  );
}
