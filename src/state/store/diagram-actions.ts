/**
 * The schedule as a mailing-list diagram (src/core/diagram.ts): copied out for a reply, pasted
 * back in to open the schedule it draws, and the scenario's fix as a diff of its pseudo-code.
 */
import type { StoreContext } from './context.ts';
import type { Commits } from './commit.ts';
import { paramsKey, requestOf } from './instance.ts';
import type { Actions } from './slices.ts';
import { sentence } from './words.ts';

const PASTED = 'a pasted diagram';

export function createDiagramActions(
  ctx: StoreContext,
  commits: Commits,
): Pick<Actions, 'diagramText' | 'openDiagram' | 'loadFixDiff'> {
  const { get, set } = ctx;

  function refuse(title: string, lines: readonly string[]) {
    set((s) => ({
      view: {
        ...s.view,
        notice: {
          kind: 'refused',
          title,
          lines: [...lines.map(sentence), 'The schedule is unchanged.'],
        },
      },
    }));
  }

  return {
    async diagramText() {
      const s = get();
      return ctx.track(ctx.core.diagram({ ...requestOf(s.scenario), tasks: s.scenario.tasks }));
    },

    async openDiagram(text) {
      const instance = get().scenario;
      const title = 'This diagram could not be opened';
      let read;
      try {
        read = await ctx.track(ctx.core.readDiagram({ ...requestOf(instance), text }));
      } catch (e) {
        refuse(title, [e instanceof Error ? e.message : String(e)]);
        return false;
      }
      if (!read.ok) {
        refuse(
          title,
          // The reader's own words already start with the line ("line 3: …").
          read.problems.map((p) => p.message),
        );
        return false;
      }
      const tasks = read.schedule;
      const failure = await commits.replayOrComplete(
        instance,
        tasks,
        tasks.length,
        'user',
        'change',
        PASTED,
        (completion) =>
          completion === null
            ? { kind: 'edit', title: `Opened the pasted diagram: ${tasks.length} steps`, lines: [] }
            : {
                kind: 'edit',
                title: 'The pasted diagram’s schedule was completed',
                lines: [completion],
              },
      );
      if (failure !== null) refuse(title, [failure]);
      return failure === null;
    },

    async loadFixDiff() {
      const s = get();
      if (!s.sim.result?.info.fix) return;
      const key = paramsKey(s.scenario);
      if (s.fix.key === key) return;
      try {
        const diff = await ctx.track(ctx.core.fixDiff(requestOf(s.scenario)));
        set({ fix: { key, diff } });
      } catch (e) {
        refuse('The fix could not be shown', [e instanceof Error ? e.message : String(e)]);
      }
    },
  };
}
