/** A second variant run on the same task choices, beside the main timeline. */
import type { StoreContext } from './context.ts';
import { requestOf } from './instance.ts';
import type { Actions } from './slices.ts';
import { errorNotice } from './words.ts';

export function createCompare(ctx: StoreContext) {
  const { get, set, core } = ctx;

  async function refreshCompare(): Promise<void> {
    const s = get();
    const variant = s.compare.variant;
    const main = s.sim.result;
    if (!variant || !main) return;
    try {
      const r = await ctx.track(
        core.simulate({
          ...requestOf({ ...s.scenario, variant }),
          tasks: s.scenario.tasks,
          mode: 'repair',
        }),
      );
      const now = get();
      if (now.sim.result !== main || now.compare.variant !== variant || !r.ok) return;
      set({ compare: { variant, result: r } });
    } catch (e) {
      set((st) => ({ view: { ...st.view, notice: errorNotice(e) } }));
    }
  }

  const setCompare: Actions['setCompare'] = (variant) => {
    const v = variant === get().scenario.variant ? null : variant;
    if (v === get().compare.variant) return;
    set({ compare: { variant: v, result: null } });
  };

  return { refreshCompare, setCompare };
}
