/**
 * The GPU rung's second half: a GPU engine trusted only once its own first runs give the CPU's
 * numbers. Until every program the model has run so far has passed its check, each run goes
 * to both the GPU engine and a CPU engine over its own copy of the state, their fetches are
 * compared, and the CPU's are returned (so no number the user sees comes from an unchecked
 * program). A program that updates the state is checked over its first `runs` runs, each
 * engine feeding on its own updates, so that a wrong gradient shows in the next run's losses;
 * a program without updates over its first run. When the check passes the CPU's state is
 * copied into the GPU engine and the CPU engine is dropped; a program first run later (an
 * evaluation at the end of an epoch, a smaller last batch) brings it back for its own check.
 * When a check fails, or the GPU engine throws, the run goes on with the CPU engine, whose
 * state is the checked one.
 *
 * Tolerance: the largest difference over a fetched array, relative to the array's largest
 * value (at least 1e-3). Float32 kernels that sum in another order differ by about 1e-6 after
 * one step and stay under about 1e-5 over a few Adam steps (measured on every lab: README,
 * "GPU"); float16 arithmetic or a wrong kernel differ by 1e-3 or much more.
 */
import type {
  EngineFactory,
  Feeds,
  Fetched,
  GraphEngine,
  Program,
  StateInit,
} from '../../models/graph/program.js';

export const CHECK_TOLERANCE = 1e-3;
export const CHECK_RUNS = 3;

/** What the check found, for the backend line. */
export type CheckVerdict =
  { readonly kind: 'matched'; readonly worst: number } | { readonly kind: 'differs'; readonly why: string };

export interface CheckOptions {
  readonly tolerance?: number;
  readonly runs?: number;
  /** Each time a check phase ends. */
  onVerdict(verdict: CheckVerdict): void;
}

/** Largest |a − b| over the largest |b| (at least `floor`); Infinity where only one is NaN or the lengths differ. */
export function relativeDifference(a: Float32Array, b: Float32Array, floor = 1e-3): number {
  if (a.length !== b.length) return Infinity;
  let scale = floor;
  let worst = 0;
  for (let i = 0; i < b.length; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    if (Number.isNaN(x) || Number.isNaN(y)) {
      if (Number.isNaN(x) !== Number.isNaN(y)) return Infinity;
      continue;
    }
    scale = Math.max(scale, Math.abs(y));
    worst = Math.max(worst, Math.abs(x - y));
  }
  return worst / scale;
}

export const formatDifference = (d: number): string =>
  d === Infinity ? 'NaN or a shape' : d.toExponential(1);

/** `gpu` for `init`, checked against `cpu` as above. */
export function checkedEngine(gpu: EngineFactory, cpu: EngineFactory, options: CheckOptions): EngineFactory {
  const tolerance = options.tolerance ?? CHECK_TOLERANCE;
  const runs = options.runs ?? CHECK_RUNS;
  return (init: StateInit): GraphEngine => {
    let onGpu: GraphEngine | null = gpu(init);
    /** The CPU engine: the shadow while a check runs, the engine itself after a failed one. */
    let onCpu: GraphEngine | null = cpu(init);
    const checked = new Map<Program, number>();
    let worst = 0;
    let queue: Promise<unknown> = Promise.resolve();

    const needed = (p: Program): number => (p.updates.size > 0 ? runs : 1);
    const pending = (p: Program): boolean => (checked.get(p) ?? 0) < needed(p);
    const stateOf = (engine: GraphEngine): StateInit =>
      Object.fromEntries(
        Object.entries(init).map(([name, { shape }]) => [name, { shape, data: engine.read(name) }]),
      );

    const fallBack = (why: string): void => {
      onGpu?.dispose();
      onGpu = null;
      options.onVerdict({ kind: 'differs', why });
    };

    async function runNow(program: Program, feeds: Feeds): Promise<Fetched> {
      if (!onGpu) return (onCpu as GraphEngine).run(program, feeds);
      if (!onCpu && !pending(program)) return onGpu.run(program, feeds);
      onCpu ??= cpu(stateOf(onGpu));
      const [fromGpu, fromCpu] = await Promise.all([
        onGpu
          .run(program, feeds)
          .catch((error: unknown) => (error instanceof Error ? error : new Error(String(error)))),
        onCpu.run(program, feeds),
      ]);
      const seen = (checked.get(program) ?? 0) + 1;
      if (fromGpu instanceof Error) {
        const text = fromGpu.message;
        fallBack(`${program.name} failed on the GPU (${text.split('\n')[0]})`);
        return fromCpu;
      }
      for (const name of program.fetches) {
        const d = relativeDifference(fromGpu[name] as Float32Array, fromCpu[name] as Float32Array);
        if (!(d <= tolerance)) {
          fallBack(
            `'${name}' of ${program.name} differed from the CPU's by ${formatDifference(d)} at its run ${seen} (tolerance ${tolerance})`,
          );
          return fromCpu;
        }
        worst = Math.max(worst, d);
      }
      checked.set(program, seen);
      if (![...checked.keys()].some(pending)) {
        // Every program run so far passed: go on from the CPU's (checked) state on the GPU alone.
        for (const name of Object.keys(init)) onGpu.write(name, onCpu.read(name));
        onCpu.dispose();
        onCpu = null;
        options.onVerdict({ kind: 'matched', worst });
      }
      return fromCpu;
    }

    /** The engine whose state is current: the CPU's while it runs (shadow or fallback). */
    const current = (): GraphEngine => (onCpu ?? onGpu) as GraphEngine;

    return {
      get description() {
        return onGpu ? `${onGpu.description}, checked against the CPU` : current().description;
      },
      run(program, feeds) {
        const result = queue.then(() => runNow(program, feeds));
        queue = result.catch(() => {});
        return result;
      },
      read: (name) => current().read(name),
      write(name, data) {
        onGpu?.write(name, data);
        onCpu?.write(name, data);
      },
      dispose() {
        onGpu?.dispose();
        onCpu?.dispose();
      },
    };
  };
}
