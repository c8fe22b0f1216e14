/**
 * Shared by the latency benchmarks (launch-timing.ts, ui-timings.ts): a latency line with its
 * p95 and the target, children in their own process group (a trainer forked by the
 * CLI or the host goes down with its parent), and polling.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import type { BackendName } from '../protocol/messages.js';
import { percentile, root } from '../tests/browser/browser.js';
import { allBackends, median, type BenchContext, type Measurement } from './harness.js';

export interface Target {
  readonly ms: number;
  /**
   * Which figure meets the target or not: 'p95' (the p95 of the runs, for single
   * observations such as launch → first point) or 'median' (the median of per-session p95s,
   * for frame times and decode latencies).
   */
  readonly judgedOn: 'p95' | 'median';
  /** Slack for the clock's resolution, added to the target when judging (default 0). */
  readonly toleranceMs?: number;
}

/**
 * The budgets ("Speed"): first point within 3 s, frames within 16.7 ms, decode within
 * 16 ms. A frame every vsync at 60 Hz is 16.67 ms, which a page's clock (coarsened to 0.1 ms
 * without cross-origin isolation) reads as 16.6–16.8: one tick of slack.
 */
export const targets = {
  firstLoss: { ms: 3000, judgedOn: 'p95' },
  frame: { ms: 16.7, judgedOn: 'median', toleranceMs: 0.1 },
  decode: { ms: 16, judgedOn: 'median' },
} as const satisfies Record<string, Target>;

/** Milliseconds to one decimal (browser timestamps are coarsened to 0.1 ms anyway). */
export const tenth = (ms: number): number => Math.round(ms * 10) / 10;

/** One latency line: median (= value), p95, min, max of `values`, the target and meetsTarget. */
export function latencyLine(
  head: { readonly bench: string; readonly backend: string; readonly metric: string },
  values: readonly number[],
  target: Target,
  details: Record<string, unknown> = {},
): Measurement {
  const med = tenth(median(values));
  const p95 = tenth(percentile(values, 95) ?? Number.NaN);
  const judged = target.judgedOn === 'p95' ? p95 : med;
  return {
    ...head,
    value: med,
    unit: 'ms',
    runs: values.length,
    median: med,
    p95,
    min: tenth(Math.min(...values)),
    max: tenth(Math.max(...values)),
    target: target.ms,
    judgedOn: target.judgedOn,
    ...(target.toleranceMs ? { toleranceMs: target.toleranceMs } : {}),
    meetsTarget: judged <= target.ms + (target.toleranceMs ?? 0) + 1e-9,
    values: values.map(tenth),
    ...details,
  };
}

/** The backend to ask for: the one named with --backend, else none (the app's own ladder). */
export function requestedBackend(ctx: BenchContext): BackendName | undefined {
  return ctx.backends.length < allBackends.length ? ctx.backends[0] : undefined;
}

/** Wall-clock milliseconds comparable with a page's performance.timeOrigin + now(). */
export const epochNow = (): number => performance.timeOrigin + performance.now();

const live = new Set<number>();
process.once('exit', () => {
  for (const pid of live) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

export interface GroupChild {
  readonly child: ChildProcess;
  /** The last 2,000 characters of stderr, for error messages. */
  stderrTail(): string;
}

/** `node <args>` from the repository root, leader of a new process group; stdout piped. */
export function spawnNodeGroup(args: readonly string[]): GroupChild {
  const child = spawn(process.execPath, args, {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid !== undefined) live.add(child.pid);
  let tail = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    tail = (tail + chunk).slice(-2000);
  });
  return { child, stderrTail: () => tail };
}

const groupAlive = (pid: number): boolean => {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * SIGTERM to the whole group, SIGKILL to what is left after `graceMs`; with 0 (the default:
 * the benchmarks throw their runs away), SIGKILL at once.
 */
export async function killGroup({ child }: GroupChild, graceMs = 0): Promise<void> {
  const pid = child.pid;
  if (pid === undefined) return;
  const exited = child.exitCode !== null || child.signalCode !== null ? null : once(child, 'exit');
  try {
    process.kill(-pid, graceMs > 0 ? 'SIGTERM' : 'SIGKILL');
  } catch {
    // the group is gone already
  }
  const deadline = performance.now() + graceMs;
  while (groupAlive(pid) && performance.now() < deadline) await sleep(20);
  if (groupAlive(pid)) process.kill(-pid, 'SIGKILL');
  if (exited) await exited;
  live.delete(pid);
}

/** Calls `probe` every `everyMs` until it returns a value other than undefined. */
export async function pollUntil<T>(
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs: number,
  what: string,
  everyMs = 5,
): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}
