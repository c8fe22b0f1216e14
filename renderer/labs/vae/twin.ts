/**
 * Finding the other run of a β = 0 pair (protocol/vae/config.ts, betaZeroTwin) among the runs
 * the host lists, so that reopening either run shows both planes again: a VAE run of the pair
 * with the same settings but β, one of the two at β = 0, created within PAIR_WINDOW_MS of this
 * one (both are started by one click); the closest in time.
 */
import type { RunSummary } from '../../../protocol/messages.js';
import type { VaeConfig } from '../../../protocol/vae/config.js';
import { numericFields } from './form.js';

/** Both runs of a pair are created by one click, well within this. */
export const PAIR_WINDOW_MS = 10_000;

const vaeConfig = (summary: RunSummary): VaeConfig | null =>
  summary.lab === 'vae' ? (summary.config as VaeConfig) : null;

/** The same settings apart from β (the pair's only difference). */
function sameButBeta(a: VaeConfig, b: VaeConfig): boolean {
  return (
    a.variant === b.variant &&
    numericFields.every((key) => key === 'beta' || a[key] === b[key]) &&
    JSON.stringify(a.data) === JSON.stringify(b.data)
  );
}

/** The listed run paired with `runId`, or null when it has none (or it was deleted). */
export function findPairedRun(runs: readonly RunSummary[], runId: string): RunSummary | null {
  const self = runs.find((r) => r.runId === runId);
  const mine = self && vaeConfig(self);
  if (!self || !mine?.betaZeroTwin) return null;
  const at = Date.parse(self.createdAt);
  let best: RunSummary | null = null;
  let bestGap = PAIR_WINDOW_MS;
  for (const run of runs) {
    const other = vaeConfig(run);
    if (run === self || !other?.betaZeroTwin || (other.beta === 0) === (mine.beta === 0)) continue;
    if (!sameButBeta(mine, other)) continue;
    const gap = Math.abs(Date.parse(run.createdAt) - at);
    if (gap <= bestGap) [best, bestGap] = [run, gap];
  }
  return best;
}
