import { VARIANT_IDS, VARIANTS, type VariantId } from '../../state/index.ts';
import { isBad } from '../content/outcome-words.ts';
import { useActions, useApp } from '../useApp.ts';

/** Variant, the fix switch, the initial-state toggles and the schedule's verdict. */
export function ScenarioBar() {
  // A control shows what was asked for at once; the panels follow when the worker answers.
  const variant = useApp((s) => (s.sim.requested ?? s.scenario).variant);
  const rmapNonempty = useApp((s) => (s.sim.requested ?? s.scenario).toggles.rmapNonempty);
  const cursorAtSlot = useApp((s) => (s.sim.requested ?? s.scenario).toggles.cursorAtSlot);
  const verdict = useApp((s) => s.sim.result?.trace.outcomes.join(' + '));
  const steps = useApp((s) => s.sim.result?.trace.steps.length ?? 0);
  const { setVariant, setEarlyCheck, setToggles } = useActions();
  const v = VARIANTS[variant];
  const bad = verdict !== undefined && verdict.split(' + ').some(isBad);
  return (
    <section className="scenario" aria-label="Scenario">
      <div className="scenario-variant">
        <label htmlFor="variant">Variant</label>
        <select
          id="variant"
          value={variant}
          onChange={(e) => void setVariant(e.target.value as VariantId)}
        >
          {VARIANT_IDS.map((id) => (
            <option key={id} value={id}>
              {VARIANTS[id].title}
            </option>
          ))}
        </select>
        <p className="variant-desc">
          {v.description} <span className="kernel">{v.kernel}</span>
        </p>
        <details className="variants-about">
          <summary>All six variants</summary>
          <dl>
            {VARIANT_IDS.map((id) => (
              <div key={id}>
                <dt>{VARIANTS[id].title}</dt>
                <dd>
                  {VARIANTS[id].description} <span className="kernel">({VARIANTS[id].kernel})</span>
                </dd>
              </div>
            ))}
          </dl>
        </details>
      </div>
      <div className="scenario-switch">
        <input
          type="checkbox"
          role="switch"
          id="early-check"
          checked={v.earlyCheck}
          onChange={(e) => void setEarlyCheck(e.target.checked)}
        />
        <label htmlFor="early-check">
          <span className="switch-track" aria-hidden="true">
            <span className="switch-thumb" />
          </span>
          <span className="switch-text">
            <strong>Early ksm_test_exit() check</strong>
            <span className="switch-sub">
              {v.earlyCheck ? 'On: the fix, 6db504ce55bd' : 'Off: v6.3-rc1, the bug'}
            </span>
          </span>
        </label>
      </div>
      <fieldset className="scenario-toggles">
        <legend>Initial state</legend>
        <label>
          <input
            type="checkbox"
            checked={rmapNonempty}
            onChange={(e) => void setToggles({ rmapNonempty: e.target.checked })}
          />{' '}
          rmap_list non-empty <span className="hint">(ksmd has scanned the mm)</span>
        </label>
        <label>
          <input
            type="checkbox"
            checked={cursorAtSlot}
            onChange={(e) => void setToggles({ cursorAtSlot: e.target.checked })}
          />{' '}
          ksm_scan cursor at the slot <span className="hint">(ksmd stopped there)</span>
        </label>
      </fieldset>
      <div className="scenario-verdict">
        <span className="verdict-label">This {steps}-step schedule ends</span>
        {verdict && (
          <span className={`chip ${bad ? 'chip-bad' : 'chip-clean'}`} data-verdict={verdict}>
            <span aria-hidden="true">{bad ? '⚠' : '✓'}</span> {verdict}
          </span>
        )}
      </div>
    </section>
  );
}
