/** Finding the other run of a β = 0 pair among the listed runs, so a reopened run brings its twin back. */
import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../../../protocol/messages.js';
import { vaePresets, type VaeConfig } from '../../../../protocol/vae/config.js';
import { betaZeroPair } from '../../../../renderer/labs/vae/form.js';
import { findPairedRun } from '../../../../renderer/labs/vae/twin.js';

const [primary, twin] = betaZeroPair(vaePresets.default);

const listed = (runId: string, config: VaeConfig, at: string): RunSummary => ({
  runId,
  lab: 'vae',
  config,
  label: runId,
  createdAt: `2026-12-10T10:00:${at}Z`,
  state: 'done',
  lastStep: 10,
  lastTestLoss: null,
});

describe('the pair of a β = 0 comparison', () => {
  it('is started as the same settings twice, marked, the second at β = 0', () => {
    expect(primary).toEqual({ ...vaePresets.default, betaZeroTwin: true });
    expect(twin).toEqual({ ...vaePresets.default, betaZeroTwin: true, beta: 0 });
  });

  it('finds the twin from either run, the closest in time of those with the same settings', () => {
    const runs = [
      listed('a', primary, '00.000'),
      listed('a0', twin, '00.040'),
      listed('b', primary, '05.000'),
      listed('b0', twin, '05.030'),
    ];
    expect(findPairedRun(runs, 'a')?.runId).toBe('a0');
    expect(findPairedRun(runs, 'a0')?.runId).toBe('a');
    expect(findPairedRun(runs, 'b')?.runId).toBe('b0');
  });

  it('finds none for a run on its own, another seed, a run long after, or two runs at β ≠ 0', () => {
    const alone = { ...vaePresets.default };
    expect(findPairedRun([listed('a', alone, '00.000'), listed('a0', twin, '00.010')], 'a')).toBeNull();
    expect(
      findPairedRun([listed('a', primary, '00.000'), listed('x', { ...twin, seed: 2 }, '00.010')], 'a'),
    ).toBeNull();
    expect(findPairedRun([listed('a', primary, '00.000'), listed('x', twin, '30.000')], 'a')).toBeNull();
    expect(findPairedRun([listed('a', primary, '00.000'), listed('x', primary, '00.010')], 'a')).toBeNull();
    expect(findPairedRun([], 'a')).toBeNull();
  });
});
