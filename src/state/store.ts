/**
 * The page's one store (STYLE.md, Store): inputs in typed slices, the simulation result as a
 * cache derived from them by the worker, and colocated verbs.
 *
 * - `scenario`: variant, toggles, schedule (task choices). Changing it asks the worker.
 * - `playback`: cursor, playing, speed. Local and instant; stepping never waits on the worker.
 * - `view`: hover, the notice, and what caused the last scenario change (for history).
 * - `sim`: the worker's last answer for the current scenario, and how many calls are in flight.
 *
 * A scenario change is committed together with its result, so the panels never show a trace for
 * a variant other than the one selected.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import {
  DEFAULT_TOGGLES,
  EMAIL_SCHEDULE,
  VARIANTS,
  type SkippedTurn,
  type TaskId,
  type Toggles,
  type VariantId,
} from '../core/index.ts';
import { decode, type ShareView } from '../url/share.ts';
import type { SimulateResult } from '../worker/api.ts';
import type { Simulate } from './worker-client.ts';

export type SimOk = Extract<SimulateResult, { ok: true }>;

/** What caused the current scenario: a first load, browser back/forward, or a control. */
export type Cause = 'load' | 'history' | 'user';

export interface Notice {
  readonly kind: 'link' | 'variant' | 'error';
  readonly title: string;
  readonly lines: readonly string[];
}

/** Playback speeds, in steps per second. */
export const SPEEDS = [1, 2, 4, 8] as const;
export type Speed = (typeof SPEEDS)[number];

export interface ScenarioSlice {
  readonly variant: VariantId;
  readonly toggles: Toggles;
  readonly tasks: readonly TaskId[];
}

export interface PlaybackSlice {
  readonly cursor: number;
  readonly playing: boolean;
  readonly speed: Speed;
}

export interface ViewSlice {
  /** 0-based index of the step under the pointer or keyboard focus. */
  readonly hovered: number | null;
  readonly notice: Notice | null;
  readonly cause: Cause;
}

export interface SimSlice {
  readonly result: SimOk | null;
  readonly pending: number;
  /**
   * The variant and toggles a control has asked for while the worker works on them, so the
   * control shows the choice at once; null when the result is in.
   */
  readonly requested: Pick<ScenarioSlice, 'variant' | 'toggles'> | null;
}

export interface Actions {
  /** Opens a URL fragment (empty: the default view). Never throws; problems become a notice. */
  openLink(fragment: string, cause: Exclude<Cause, 'user'>): Promise<void>;
  setVariant(variant: VariantId): Promise<void>;
  setToggles(toggles: Partial<Toggles>): Promise<void>;
  /** The prominent switch: variant a (off) or the fix, b (on). */
  setEarlyCheck(on: boolean): Promise<void>;
  setCursor(k: number): void;
  stepForward(): void;
  stepBack(): void;
  firstStep(): void;
  lastStep(): void;
  togglePlay(): void;
  pause(): void;
  /** One tick of playback: a step forward, pausing at the end. */
  tick(): void;
  setSpeed(speed: Speed): void;
  hover(index: number | null): void;
  dismissNotice(): void;
}

export interface AppState {
  readonly scenario: ScenarioSlice;
  readonly playback: PlaybackSlice;
  readonly view: ViewSlice;
  readonly sim: SimSlice;
  readonly actions: Actions;
}

export type AppStore = StoreApi<AppState>;

/** The e-mail's 30 turns as task choices: 1×3, 2×15, 1×12. */
export const EMAIL_TASKS: readonly TaskId[] = EMAIL_SCHEDULE.map((id) =>
  id.startsWith('t1_') ? 1 : 2,
);

export const DEFAULT_VIEW: ShareView = {
  variant: 'a_vma_iter',
  toggles: DEFAULT_TOGGLES,
  tasks: EMAIL_TASKS,
  cursor: 0,
};

/** The store's shareable view (what the URL carries). */
export function shareViewOf(s: AppState): ShareView {
  return {
    variant: s.scenario.variant,
    toggles: s.scenario.toggles,
    tasks: s.scenario.tasks,
    cursor: s.playback.cursor,
  };
}

function lengthOf(s: AppState): number {
  return s.sim.result?.trace.steps.length ?? 0;
}

function clamp(k: number, n: number): number {
  return Math.max(0, Math.min(n, Math.trunc(k)));
}

/** Groups skipped turns by reason: "turns 16–18 (task 2): task 2 has finished". */
export function describeRepair(skipped: readonly SkippedTurn[], appended: number): string[] {
  const lines: string[] = [];
  let i = 0;
  while (i < skipped.length) {
    let j = i;
    while (
      j + 1 < skipped.length &&
      skipped[j + 1].position === skipped[j].position + 1 &&
      skipped[j + 1].reason === skipped[i].reason &&
      skipped[j + 1].task === skipped[i].task
    ) {
      j++;
    }
    const a = skipped[i].position + 1;
    const b = skipped[j].position + 1;
    const turns =
      a === b
        ? `Turn ${a} (task ${skipped[i].task}) no longer applies`
        : `Turns ${a}–${b} (task ${skipped[i].task}) no longer apply`;
    lines.push(`${turns}: ${skipped[i].reason}.`);
    i = j + 1;
  }
  if (appended > 0) {
    lines.push(
      `${appended} turn${appended === 1 ? '' : 's'} added at the end, in task order, to run the schedule to completion.`,
    );
  }
  return lines;
}

/** A fresh store. `simulate` is the worker call; tests pass the core's `api.simulate`. */
export function createAppStore(simulate: Simulate): AppStore {
  let seq = 0;

  return createStore<AppState>()((set, get) => {
    /** Runs one worker call; applies the result only if no newer call has started since. */
    async function run(
      req: Parameters<Simulate>[0],
      commit: (r: SimulateResult) => Partial<AppState> | null,
    ): Promise<void> {
      const mine = ++seq;
      set((s) => ({ sim: { ...s.sim, pending: s.sim.pending + 1 } }));
      let patch: Partial<AppState> | null = null;
      try {
        const r = await simulate(req);
        if (mine === seq) patch = commit(r);
      } catch (e) {
        if (mine === seq) {
          patch = {
            view: {
              ...get().view,
              notice: {
                kind: 'error',
                title: 'The simulator stopped unexpectedly',
                lines: [
                  String(e instanceof Error ? e.message : e),
                  'Reload the page to try again.',
                ],
              },
            },
          };
        }
      }
      set((s) => ({
        ...patch,
        sim: {
          ...(patch?.sim ?? s.sim),
          pending: s.sim.pending - 1,
          requested: mine === seq ? null : s.sim.requested,
        },
      }));
    }

    function committed(
      r: SimOk,
      variant: VariantId,
      toggles: Toggles,
      cursor: number,
      cause: Cause,
      notice: Notice | null,
    ): Partial<AppState> {
      const s = get();
      return {
        scenario: { variant, toggles, tasks: r.tasks },
        playback: { ...s.playback, cursor: clamp(cursor, r.trace.steps.length), playing: false },
        view: { ...s.view, hovered: null, notice, cause },
        sim: { result: r, pending: s.sim.pending, requested: null },
      };
    }

    /** Repairs `tasks` under a scenario (an edit or a fallback) and commits the result. */
    function repairAndCommit(
      variant: VariantId,
      toggles: Toggles,
      tasks: readonly TaskId[],
      cursor: number,
      cause: Cause,
      notice: (r: SimOk) => Notice | null,
    ): Promise<void> {
      return run({ variant, toggles, tasks, mode: 'repair' }, (r) =>
        r.ok ? committed(r, variant, toggles, cursor, cause, notice(r)) : null,
      );
    }

    function changeScenario(variant: VariantId, toggles: Toggles): Promise<void> {
      set((s) => ({ sim: { ...s.sim, requested: { variant, toggles } } }));
      const s = get();
      const before = s.scenario;
      return repairAndCommit(variant, toggles, before.tasks, s.playback.cursor, 'user', (r) => {
        const lines = describeRepair(r.skipped, r.appended);
        if (lines.length === 0) return null;
        return {
          kind: 'variant',
          title: `The interleaving only partly applies under ${VARIANTS[variant].title}`,
          lines: [
            ...lines,
            `Every other turn is the same task choice as before (${r.tasks.length} steps now, ${before.tasks.length} before).`,
          ],
        };
      });
    }

    const actions: Actions = {
      async openLink(fragment, cause) {
        const text = fragment.replace(/^#/, '');
        if (text === '') {
          const d = DEFAULT_VIEW;
          return repairAndCommit(d.variant, d.toggles, d.tasks, d.cursor, cause, () => null);
        }
        const decoded = decode(text);
        const kept = decoded.ok ? decoded.value : decoded.kept;
        const problems = decoded.ok ? [] : decoded.problems.map((p) => p.message);
        const variant = kept.variant ?? DEFAULT_VIEW.variant;
        const toggles = kept.toggles ?? DEFAULT_VIEW.toggles;
        const fallback = (extra: string[]) =>
          repairAndCommit(variant, toggles, DEFAULT_VIEW.tasks, 0, cause, () => ({
            kind: 'link',
            title: 'This link could not be opened exactly as it was sent',
            lines: [...problems, ...extra].map(sentence),
          }));
        if (kept.tasks === undefined) {
          const under = kept.variant
            ? ` under the link’s variant (${VARIANTS[variant].title})`
            : '';
          return fallback([
            `Showing the e-mail’s interleaving${under} instead; nothing from the link was run.`,
          ]);
        }
        const tasks = kept.tasks;
        // Strict: the turns must all run as given; nothing is repaired behind the reader's back.
        let failure: string | null = null;
        await run({ variant, toggles, tasks, mode: 'strict' }, (r) => {
          if (!r.ok) {
            failure = `the schedule cannot be replayed: ${r.problem.message}`;
            return null;
          }
          const n = r.trace.steps.length;
          const cursor = kept.cursor ?? 0;
          const notice: Notice | null =
            problems.length === 0
              ? null
              : {
                  kind: 'link',
                  title: 'Part of this link could not be used',
                  lines: [...problems, 'The rest of the view is as the sender saw it.'].map(
                    sentence,
                  ),
                };
          return committed(r, variant, toggles, clamp(cursor, n), cause, notice);
        });
        if (failure !== null) {
          await fallback([
            failure,
            'Showing the e-mail’s interleaving instead; nothing from the link was run.',
          ]);
        }
      },

      setVariant(variant) {
        const want = get().sim.requested ?? get().scenario;
        if (variant === want.variant) return Promise.resolve();
        return changeScenario(variant, want.toggles);
      },

      setToggles(patch) {
        const want = get().sim.requested ?? get().scenario;
        return changeScenario(want.variant, { ...want.toggles, ...patch });
      },

      setEarlyCheck(on) {
        return actions.setVariant(on ? 'b_early_check' : 'a_vma_iter');
      },

      setCursor(k) {
        const n = lengthOf(get());
        const cursor = clamp(k, n);
        if (cursor !== get().playback.cursor) set((s) => ({ playback: { ...s.playback, cursor } }));
      },
      stepForward() {
        actions.setCursor(get().playback.cursor + 1);
      },
      stepBack() {
        actions.setCursor(get().playback.cursor - 1);
      },
      firstStep() {
        actions.setCursor(0);
      },
      lastStep() {
        actions.setCursor(lengthOf(get()));
      },
      togglePlay() {
        const s = get();
        if (s.playback.playing) return actions.pause();
        const n = lengthOf(s);
        // Play at the end starts over, as media players do.
        const cursor = s.playback.cursor >= n ? 0 : s.playback.cursor;
        set({ playback: { ...s.playback, cursor, playing: n > 0 } });
      },
      pause() {
        if (get().playback.playing) set((s) => ({ playback: { ...s.playback, playing: false } }));
      },
      tick() {
        const s = get();
        const n = lengthOf(s);
        const cursor = Math.min(n, s.playback.cursor + 1);
        set({ playback: { ...s.playback, cursor, playing: cursor < n && s.playback.playing } });
      },
      setSpeed(speed) {
        set((s) => ({ playback: { ...s.playback, speed } }));
      },
      hover(index) {
        if (index !== get().view.hovered) set((s) => ({ view: { ...s.view, hovered: index } }));
      },
      dismissNotice() {
        set((s) => ({ view: { ...s.view, notice: null } }));
      },
    };

    return {
      scenario: {
        variant: DEFAULT_VIEW.variant,
        toggles: DEFAULT_VIEW.toggles,
        tasks: DEFAULT_VIEW.tasks,
      },
      playback: { cursor: 0, playing: false, speed: 2 },
      view: { hovered: null, notice: null, cause: 'load' },
      sim: { result: null, pending: 0, requested: null },
      actions,
    };
  });
}

function sentence(s: string): string {
  const t = s.charAt(0).toUpperCase() + s.slice(1);
  return /[.!?]$/.test(t) ? t : `${t}.`;
}
