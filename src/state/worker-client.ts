/**
 * The Comlink side of the explorer worker. The page never runs the core on its own thread: every
 * call is a message to `src/worker/explorer.worker.ts`, which exposes `api` and nothing else.
 *
 * Two workers run the same script (perfetto keeps a spare engine for the same reason): one answers
 * the quick calls a drag or a step waits on (simulate, dropTargets, moveTurn, chooseNext), the
 * other runs explorations, so a long search never queues a drag behind it and "Cancel" can
 * terminate the explorer without losing the simulator. The explorer worker caches explorations
 * per scenario and parameters, so fates along a new schedule are cheap while it lives.
 *
 * Cancel and hang handling follow STYLE.md: terminate the worker and spawn a fresh one on the
 * next call. Every call has a time limit; a call that passes it rejects with `WorkerTimeout`,
 * and the worker is replaced, so one hung search cannot wedge the page.
 */
import { proxy, releaseProxy, wrap, type Remote } from 'comlink';
import type {
  CatalogEntry,
  DiagramParse,
  DropTarget,
  EditResult,
  FixDiff,
  ScenarioInfo,
  TaskId,
} from '../core/index.ts';
import type {
  Api,
  ExploreRequest,
  ExploreResponse,
  ScenarioRequest,
  SimulateRequest,
  SharedWords,
  SimulateResult,
} from '../worker/api.ts';

export type Simulate = (req: SimulateRequest) => Promise<SimulateResult>;

export interface ExploreProgressInfo {
  /** Variants finished (exploreAll) or 0 for a single exploration. */
  readonly done: number;
  readonly total: number;
  /** States found so far in the exploration under way (single explorations only). */
  readonly states: number;
}

type MoveRequest = ScenarioRequest & { tasks: readonly TaskId[]; from: number; to: number };
type DropRequest = ScenarioRequest & { tasks: readonly TaskId[]; from: number };
type ChooseRequest = ScenarioRequest & { tasks: readonly TaskId[]; cursor: number; task: TaskId };

/** Everything the store asks of the simulation core. Tests pass `directClient()`. */
export interface SimClient {
  /** The built-in scenarios, default first. */
  catalog(): Promise<CatalogEntry[]>;
  /** One instance as plain data (what a simulate result carries as `info`). */
  describe(req: ScenarioRequest): Promise<ScenarioInfo>;
  simulate(req: SimulateRequest): Promise<SimulateResult>;
  moveTurn(req: MoveRequest): Promise<EditResult>;
  dropTargets(req: DropRequest): Promise<DropTarget[]>;
  chooseNext(req: ChooseRequest): Promise<EditResult>;
  explore(
    req: ExploreRequest,
    onProgress?: (p: ExploreProgressInfo) => void,
  ): Promise<ExploreResponse>;
  /** The schedule as a mailing-list diagram. */
  diagram(req: ScenarioRequest & { tasks: readonly TaskId[] }): Promise<string>;
  /** A pasted diagram read back under an instance. */
  readDiagram(req: ScenarioRequest & { text: string }): Promise<DiagramParse>;
  /** The fix as a diff of the two variants' pseudo-code; null for a scenario without a pair. */
  fixDiff(req: ScenarioRequest): Promise<FixDiff | null>;
  /** Bad schedule k (0-based) of `outcome`, as step ids, with the number of such schedules. */
  badSchedule(
    req: ScenarioRequest & { outcome: string; k: bigint },
  ): Promise<{ readonly steps: string[]; readonly total: bigint }>;
  /** A complete schedule's number among those with `outcome`; null if it is not one. */
  rankOf(
    req: ScenarioRequest & { outcome: string; tasks: readonly TaskId[] },
  ): Promise<bigint | null>;
  /** What all schedules with `outcome` share, in words, or why nothing can be said. */
  sharedOrderings(req: ScenarioRequest & { outcome: string }): Promise<SharedWords>;
  /** Every variant of the request's scenario, under its other parameters. */
  exploreAll(
    req: ScenarioRequest,
    onProgress?: (p: ExploreProgressInfo) => void,
  ): Promise<ExploreResponse[]>;
  /** Stops the exploration under way; its promise rejects with `ExploreCancelled`. */
  cancelExplore(): void;
  /** Starts the workers now, so that the first call does not wait for their scripts. */
  warm?(): void;
  /** Fault injection for tests: the simulator or the explorer lane. */
  injectFault?(lane: 'simulator' | 'explorer', fault: WorkerFault): void;
}

/** An exploration stopped by `cancelExplore()`. */
export class ExploreCancelled extends Error {
  constructor() {
    super('the exploration was cancelled');
    this.name = 'ExploreCancelled';
  }
}

/** A call that did not answer in time; the worker behind it has been replaced. */
export class WorkerTimeout extends Error {
  constructor(what: string, ms: number) {
    super(`the simulator did not answer ${what} within ${ms / 1000} s; it has been restarted`);
    this.name = 'WorkerTimeout';
  }
}

/** The worker crashed (a script error or out of memory); it has been replaced. */
export class WorkerCrashed extends Error {
  constructor(message: string) {
    super(`the simulator stopped unexpectedly (${message}); it has been restarted`);
    this.name = 'WorkerCrashed';
  }
}

/** A fault tests can inject into a worker lane (see `Lane.inject`). */
export type WorkerFault = 'crash' | 'kill' | 'hang';

/** What a lane needs of a worker: Comlink's endpoint plus terminate(). */
export type WorkerLike = Worker | (Parameters<typeof wrap>[0] & { terminate(): void });

export interface WorkerClientOptions {
  /** Makes a worker; tests pass a MessageChannel port with `expose(api)` on the other end. */
  readonly spawn?: (name: string) => WorkerLike;
  /** Time limit of a quick call (simulate, drop targets, move, choose next). */
  readonly callTimeoutMs?: number;
  /** Time limit of an exploration. */
  readonly exploreTimeoutMs?: number;
  /** At most one progress report per this many milliseconds reaches the page. */
  readonly progressEveryMs?: number;
}

function spawnExplorerWorker(name: string): Worker {
  return new Worker(new URL('../worker/explorer.worker.ts', import.meta.url), {
    type: 'module',
    name,
  });
}

/** One worker, spawned on first use and replaced after a terminate. */
class Lane {
  private worker: WorkerLike | undefined;
  private remote: Remote<Api> | undefined;
  /** Rejecters of the calls in flight on the current worker. */
  private readonly inFlight = new Set<(e: Error) => void>();

  constructor(
    private readonly name: string,
    private readonly spawn: (name: string) => WorkerLike,
  ) {}

  call<T>(what: string, timeoutMs: number, f: (remote: Remote<Api>) => Promise<T>): Promise<T> {
    const remote = this.ensure();
    return new Promise<T>((resolve, reject) => {
      const fail = (e: Error) => {
        clearTimeout(timer);
        this.inFlight.delete(fail);
        reject(e);
      };
      const timer = setTimeout(() => this.restart(new WorkerTimeout(what, timeoutMs)), timeoutMs);
      this.inFlight.add(fail);
      (this.hanging ? new Promise<T>(() => {}) : f(remote)).then(
        (v) => {
          clearTimeout(timer);
          this.inFlight.delete(fail);
          resolve(v);
        },
        (e: unknown) => fail(e instanceof Error ? e : new Error(String(e))),
      );
    });
  }

  /** The next calls on this lane never answer (until the lane restarts): a hung worker. */
  private hanging = false;

  /**
   * Injects a fault, for tests of what the page does when a worker goes wrong: `crash` raises
   * the worker's error event (as an uncaught exception in it would), `kill` terminates it behind
   * the lane's back (its calls then hang until their time limit), `hang` makes calls never answer.
   */
  inject(fault: WorkerFault): void {
    if (fault === 'hang') {
      this.hanging = true;
      return;
    }
    const worker = this.worker;
    if (!worker) return;
    if (fault === 'kill') {
      worker.terminate();
    } else if ('dispatchEvent' in worker) {
      worker.dispatchEvent(new ErrorEvent('error', { message: 'injected fault' }));
    }
  }

  /** Terminates the worker; every call in flight rejects with `reason`. */
  restart(reason: Error): void {
    this.hanging = false;
    const worker = this.worker;
    const remote = this.remote;
    this.worker = undefined;
    this.remote = undefined;
    remote?.[releaseProxy]();
    worker?.terminate();
    for (const fail of [...this.inFlight]) fail(reason);
  }

  /** The lane's worker, spawned now if it is not running. */
  ensure(): Remote<Api> {
    if (this.remote) return this.remote;
    const worker = this.spawn(this.name);
    if ('addEventListener' in worker && 'onerror' in worker) {
      worker.addEventListener('error', (e: Event) => {
        if (this.worker !== worker) return;
        e.preventDefault();
        this.restart(new WorkerCrashed((e as ErrorEvent).message || 'worker error'));
      });
    }
    this.worker = worker;
    this.remote = wrap<Api>(worker);
    return this.remote;
  }
}

/** Calls `f` at most once per `ms`, always passing on the final report (`isLast`). */
function throttle(
  f: ((p: ExploreProgressInfo) => void) | undefined,
  ms: number,
): ((p: ExploreProgressInfo, isLast?: boolean) => void) | undefined {
  if (!f) return undefined;
  let last = -Infinity;
  return (p, isLast = false) => {
    const now = performance.now();
    if (!isLast && now - last < ms) return;
    last = now;
    f(p);
  };
}

/** The page's client: two lazily spawned workers, time limits, and cancel by terminate. */
export function createWorkerClient(options: WorkerClientOptions = {}): SimClient {
  const spawn = options.spawn ?? spawnExplorerWorker;
  const callMs = options.callTimeoutMs ?? 15_000;
  const exploreMs = options.exploreTimeoutMs ?? 120_000;
  const everyMs = options.progressEveryMs ?? 100;
  const sim = new Lane('interleave-simulator', spawn);
  const explorer = new Lane('interleave-explorer', spawn);

  return {
    catalog: () => sim.call<CatalogEntry[]>('the scenario list', callMs, (r) => r.catalog()),
    describe: (req) => sim.call<ScenarioInfo>('a scenario', callMs, (r) => r.describe(req)),
    simulate: (req) => sim.call<SimulateResult>('a replay', callMs, (r) => r.simulate(req)),
    moveTurn: (req) => sim.call<EditResult>('a move', callMs, (r) => r.moveTurn(req)),
    dropTargets: (req) =>
      sim.call<DropTarget[]>('the drop places', callMs, (r) => r.dropTargets(req)),
    chooseNext: (req) => sim.call<EditResult>('a choice', callMs, (r) => r.chooseNext(req)),
    diagram: (req) => sim.call<string>('the diagram', callMs, (r) => r.diagram(req)),
    readDiagram: (req) =>
      sim.call<DiagramParse>('the pasted diagram', callMs, (r) => r.readDiagram(req)),
    fixDiff: (req) => sim.call<FixDiff | null>('the fix', callMs, (r) => r.fixDiff(req)),
    explore(req, onProgress) {
      const report = throttle(onProgress, everyMs);
      const cb = report && proxy((p: { states: number }) => report({ done: 0, total: 1, ...p }));
      return explorer.call<ExploreResponse>('the exploration', exploreMs, (r) =>
        cb ? r.explore(req, cb) : r.explore(req),
      );
    },
    exploreAll(req, onProgress) {
      const report = throttle(onProgress, everyMs);
      const cb =
        report &&
        proxy((done: number, total: number) => report({ done, total, states: 0 }, done === total));
      return explorer.call<ExploreResponse[]>('the exploration', exploreMs, (r) =>
        cb ? r.exploreAll(req, cb) : r.exploreAll(req),
      );
    },
    // On the explorer lane: its worker holds the explorations these read.
    badSchedule: (req) => explorer.call('a bad schedule', exploreMs, (r) => r.badSchedule(req)),
    rankOf: (req) => explorer.call('a schedule’s number', exploreMs, (r) => r.rankOf(req)),
    sharedOrderings: (req) =>
      explorer.call<SharedWords>('what the bad schedules share', exploreMs, (r) =>
        r.sharedOrderings(req),
      ),
    cancelExplore() {
      explorer.restart(new ExploreCancelled());
    },
    warm() {
      sim.ensure();
      explorer.ensure();
    },
    injectFault(lane, fault) {
      (lane === 'simulator' ? sim : explorer).inject(fault);
    },
  };
}
