/**
 * Opening a link (or the default view, for an empty one). Strict: the link's turns must all run
 * as given, nothing is repaired behind the reader's back. A link that cannot be opened exactly
 * keeps every part that was fine and says, in a notice, what was not and what is shown instead.
 */
import type { ScenarioInfo, TaskId } from '../../core/index.ts';
import { checkLink, readLink, type LinkView } from '../link.ts';
import type { StoreContext } from './context.ts';
import type { Commits } from './commit.ts';
import type { Recording } from './history.ts';
import { instanceOf } from './instance.ts';
import type { Actions, Cause, Instance } from './slices.ts';
import { LINK_FALLBACK, sentence } from './words.ts';

const HISTORY_LABEL = 'a page from the browser history';

export function createOpenLink(
  ctx: StoreContext,
  commits: Commits,
  openedLink: (view: Pick<LinkView, 'explore' | 'bad'>) => Promise<void>,
): Actions['openLink'] {
  const { get, set } = ctx;

  async function catalogIds(): Promise<readonly string[]> {
    if (get().catalog.length === 0) {
      const catalog = await ctx.track(ctx.core.catalog());
      set({ catalog });
    }
    return get().catalog.map((c) => c.id);
  }

  /** Describes an instance; on failure, the reason in words. */
  async function describe(
    req: Pick<LinkView, 'scenario'> & Partial<LinkView>,
  ): Promise<ScenarioInfo | string> {
    try {
      return await ctx.track(
        ctx.core.describe({
          scenario: req.scenario,
          params: { ...req.params, ...(req.variant ? { variant: req.variant } : {}) },
        }),
      );
    } catch (e) {
      return e instanceof Error ? e.message : String(e);
    }
  }

  function open(
    instance: Instance,
    tasks: readonly TaskId[],
    cursor: number,
    cause: Cause,
    lines: readonly string[],
    title: string,
  ) {
    const record: Recording = cause === 'load' ? 'reset' : 'history';
    return commits.repairAndCommit(
      instance,
      tasks,
      () => cursor,
      cause,
      () => (lines.length === 0 ? null : { kind: 'link', title, lines: lines.map(sentence) }),
      record,
      HISTORY_LABEL,
    );
  }

  return async function openLink(fragment, cause) {
    const text = fragment.replace(/^#/, '');
    let ids: readonly string[];
    try {
      ids = await catalogIds();
    } catch (e) {
      set((s) => ({
        view: {
          ...s.view,
          notice: {
            kind: 'error',
            title: 'The simulator stopped unexpectedly',
            lines: [sentence(e instanceof Error ? e.message : String(e))],
          },
        },
      }));
      return;
    }
    if (cause === 'load') set((s) => ({ compare: { ...s.compare, variant: null } }));
    if (text === '') {
      const info = await describe({ scenario: ids[0] });
      if (typeof info === 'string') return;
      await open(instanceOf(info), info.defaultTasks, 0, cause, [], '');
      return;
    }

    const decoded = readLink(text);
    const asked = decoded.ok ? decoded.value : decoded.kept;
    const failTitle = 'This link could not be opened exactly as it was sent';

    // The instance the link names, or as much of it as exists: its description is what the
    // link's variant, parameters and tasks are checked against.
    let named: ScenarioInfo | undefined;
    const entry = get().catalog.find((c) => c.id === asked.scenario);
    if (entry && entry.version === asked.version) {
      for (const attempt of [asked, { ...asked, variant: undefined }, { scenario: entry.id }]) {
        const d = await describe(attempt as LinkView);
        if (typeof d !== 'string') {
          named = d;
          break;
        }
      }
    }
    const checked = checkLink(decoded, named, get().catalog);
    const kept = checked.ok ? checked.value : checked.kept;
    const problems = checked.ok ? [] : checked.problems.map((p) => p.message);

    let info: ScenarioInfo | string =
      kept.scenario === undefined
        ? 'nothing of the link can be used'
        : await describe({ scenario: kept.scenario, params: kept.params, variant: kept.variant });
    if (typeof info === 'string') {
      const scenario = kept.scenario ?? ids[0];
      info = await describe({ scenario });
      if (typeof info === 'string') return;
      await open(
        instanceOf(info),
        info.defaultTasks,
        0,
        cause,
        [...problems, LINK_FALLBACK],
        failTitle,
      );
      return;
    }
    const instance = instanceOf(info);
    const fallbackTasks = info.defaultTasks;
    // A link says what to compare; back and forward keep the comparison the person chose.
    if (cause === 'load') {
      const cmp =
        kept.compare &&
        kept.compare !== instance.variant &&
        info.variants.some((v) => v.id === kept.compare)
          ? kept.compare
          : null;
      set({ compare: { variant: cmp, result: null } });
    }
    if (kept.tasks === undefined) {
      await open(instance, fallbackTasks, 0, cause, [...problems, LINK_FALLBACK], failTitle);
      return;
    }
    const record: Recording = cause === 'load' ? 'reset' : 'history';
    const partly =
      problems.length === 0 ? [] : [...problems, 'The rest of the view is as the sender saw it.'];
    const failure = await commits.replayOrComplete(
      instance,
      kept.tasks,
      kept.cursor ?? 0,
      cause,
      record,
      HISTORY_LABEL,
      (completion) =>
        completion !== null
          ? {
              kind: 'link',
              title: 'This link’s schedule was completed',
              lines: [...partly.map(sentence), completion],
            }
          : partly.length > 0
            ? {
                kind: 'link',
                title: 'Part of this link could not be used',
                lines: partly.map(sentence),
              }
            : null,
    );
    if (failure === null) {
      await openedLink(kept);
      return;
    }
    await open(
      instance,
      fallbackTasks,
      0,
      cause,
      [...problems, `the schedule cannot be replayed: ${failure}`, LINK_FALLBACK],
      failTitle,
    );
  };
}
