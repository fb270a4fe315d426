/** Editing the schedule: drag and drop, choose-next, undo and redo. Every edit is undoable. */
import type { EditResult } from '../../core/index.ts';
import type { StoreContext } from './context.ts';
import type { Commits } from './commit.ts';
import { requestOf, sameScenario } from './instance.ts';
import type { Actions } from './slices.ts';
import { capitalised, errorNotice, sentence } from './words.ts';

type EditActions = Pick<
  Actions,
  'startDrag' | 'cancelDrag' | 'moveEvent' | 'chooseNext' | 'undo' | 'redo'
>;

export function createEditActions(ctx: StoreContext, commits: Commits): EditActions {
  const { get, set, core } = ctx;

  function refuse(title: string, reason: string) {
    set((s) => ({
      view: {
        ...s.view,
        drag: null,
        notice: { kind: 'refused', title, lines: [sentence(reason), 'The schedule is unchanged.'] },
      },
    }));
  }

  async function editCall(call: () => Promise<EditResult>): Promise<EditResult | null> {
    try {
      return await ctx.track(call());
    } catch (e) {
      set((s) => ({ view: { ...s.view, drag: null, notice: errorNotice(e) } }));
      return null;
    }
  }

  /** A task as the scenario names it (`task 2.1`). */
  function taskWord(task: number): string {
    const lane = get().sim.result?.info.lanes.find((l) => l.id === task);
    return `task ${lane?.key ?? task}`;
  }

  const actions: EditActions = {
    async startDrag(from) {
      const s = get();
      const r = s.sim.result;
      if (!r || from < 0 || from >= r.trace.steps.length) return;
      set({ view: { ...s.view, drag: { from, targets: null } } });
      try {
        const targets = await ctx.track(
          core.dropTargets({ ...requestOf(s.scenario), tasks: s.scenario.tasks, from }),
        );
        const now = get();
        if (now.view.drag?.from === from && now.sim.result === r) {
          set({ view: { ...now.view, drag: { from, targets } } });
        }
      } catch {
        // The drop itself asks the core again and reports any failure.
      }
    },

    cancelDrag() {
      if (get().view.drag) set((s) => ({ view: { ...s.view, drag: null } }));
    },

    async moveEvent(from, to) {
      const s = get();
      const r = s.sim.result;
      if (!r) return false;
      if (s.view.drag) set({ view: { ...s.view, drag: null } });
      if (from === to) return false;
      const step = r.trace.steps[from];
      const res = await editCall(() =>
        core.moveTurn({ ...requestOf(s.scenario), tasks: s.scenario.tasks, from, to }),
      );
      if (!res) return false;
      if (get().sim.result !== r) return false;
      const what = step ? `${step.label} (${taskWord(step.task)})` : `step ${from + 1}`;
      if (!res.ok) {
        refuse(`Step ${from + 1} cannot move to step ${to + 1}`, res.reason);
        return false;
      }
      return commits.commitEdit(
        res,
        get().playback.cursor,
        `Moved step ${from + 1}, ${what}, to step ${to + 1}`,
        `move ${step?.label ?? 'a step'} from step ${from + 1} to step ${to + 1}`,
      );
    },

    async chooseNext(task) {
      const s = get();
      const r = s.sim.result;
      if (!r) return false;
      const cursor = s.playback.cursor;
      const res = await editCall(() =>
        core.chooseNext({ ...requestOf(s.scenario), tasks: s.scenario.tasks, cursor, task }),
      );
      if (!res || get().sim.result !== r) return false;
      const who = taskWord(task);
      if (!res.ok) {
        refuse(`${capitalised(who)} cannot run next at step ${cursor + 1}`, res.reason);
        return false;
      }
      if (sameScenario(s.scenario, { ...s.scenario, tasks: res.tasks })) {
        // Already the next turn: running it is a step forward.
        set((st) => ({ playback: { ...st.playback, cursor: cursor + 1 } }));
        return false;
      }
      return commits.commitEdit(
        res,
        cursor + 1,
        `${capitalised(who)} runs step ${cursor + 1}`,
        `run ${who} at step ${cursor + 1}`,
      );
    },

    async undo() {
      const entry = get().history.past.at(-1);
      if (!entry) return;
      await commits.strictCommit(
        entry.snapshot,
        () => ({ kind: 'edit', title: `Undone: ${entry.label}`, lines: [] }),
        'undo',
        entry.label,
      );
    },

    async redo() {
      const entry = get().history.future.at(-1);
      if (!entry) return;
      await commits.strictCommit(
        entry.snapshot,
        () => ({ kind: 'edit', title: `Redone: ${entry.label}`, lines: [] }),
        'redo',
        entry.label,
      );
    },
  };
  return actions;
}
