/** Choosing what to look at: another scenario, its parameters, its variant, or the fix. */
import type { StoreContext } from './context.ts';
import type { Commits } from './commit.ts';
import type { Actions, Instance } from './slices.ts';

type ScenarioActions = Pick<Actions, 'setScenario' | 'setParams' | 'setVariant' | 'setFix'>;

export function createScenarioActions(ctx: StoreContext, commits: Commits): ScenarioActions {
  const { get } = ctx;
  /** What the controls show: the choice under way, else the committed one. */
  const wanted = (): Instance => get().sim.requested ?? get().scenario;

  const actions: ScenarioActions = {
    async setScenario(id) {
      if (id === wanted().id) return;
      // The document's defaults: the worker fills in every parameter left out.
      await commits.changeInstance({ id, params: {}, variant: '' }, `open the scenario ${id}`);
    },

    setParams(patch) {
      const want = wanted();
      const params = { ...want.params, ...patch };
      if (Object.keys(patch).every((k) => want.params[k] === patch[k])) return Promise.resolve();
      const words = Object.entries(patch)
        .map(([k, v]) => `${k} = ${String(v)}`)
        .join(', ');
      return commits.changeInstance({ ...want, params }, `set ${words}`);
    },

    setVariant(variant) {
      const want = wanted();
      if (variant === want.variant) return Promise.resolve();
      return commits.changeInstance({ ...want, variant }, `switch to variant ${variant}`);
    },

    setFix(on) {
      const fix = get().sim.result?.info.fix;
      if (!fix) return Promise.resolve();
      return actions.setVariant(on ? fix.fixed : fix.bug);
    },
  };
  return actions;
}
