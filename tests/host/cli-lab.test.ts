/** The lines `ebm-lab train` prints for a test point, per lab (host/<lab>/cli.ts, host/cli-lab.ts). */
import { describe, expect, it } from 'vitest';
import { defaultTestLine } from '../../host/cli-lab.js';
import { cliLabs } from '../../host/cli-labs.js';
import type { MetricsEvent } from '../../protocol/messages.js';

const point = (columns: Record<string, number>): MetricsEvent => ({
  type: 'metrics',
  runId: 'r',
  split: 'test',
  steps: Float64Array.of(10, 20),
  epochs: Float64Array.of(0.5, 2),
  columns: Object.fromEntries(Object.entries(columns).map(([k, v]) => [k, Float32Array.of(0, v)])),
});

const lineOf = (lab: string, event: MetricsEvent) => (cliLabs[lab]?.testLine ?? defaultTestLine)(event);

describe('the line of a test point', () => {
  it('of the VAE: the loss and its two terms', () => {
    expect(lineOf('vae', point({ recon: 150.5, kl: 6.25, total: 156.75 }))).toEqual({
      text: 'epoch 2: test loss 156.75 (reconstruction 150.50, KL 6.25)',
      json: { epoch: 2, step: 20, total: 156.75, recon: 150.5, kl: 6.25 },
    });
  });

  it("of LISTA: its code error beside ISTA's and FISTA's; the dictionary's points by default", () => {
    expect(lineOf('lista', point({ lista: 0.125, ista: 0.5, fista: 0.25 }))).toEqual({
      text: 'LISTA code error 0.125 vs ISTA 0.500 and FISTA 0.250 at the same K',
      json: { epoch: 2, step: 20, lista: 0.125, ista: 0.5, fista: 0.25 },
    });
    expect(lineOf('lista', point({ energy: 0.5, sparsity: 0.75 })).text).toBe(
      'epoch 2: energy 0.5000, sparsity 0.7500',
    );
  });

  it('of the contrastive lab: the probe before training, then after each epoch', () => {
    expect(lineOf('contrastive', point({ probe: 0.5, random: 0.5, pixels: 0.875 })).text).toBe(
      'linear probe before training: random encoder 50.0 %, raw pixels 87.5 % (test accuracy)',
    );
    expect(
      lineOf('contrastive', point({ probe: 0.9, probeTrain: 0.95, random: 0.5, pixels: 0.875 })),
    ).toEqual({
      text: 'epoch 2: linear probe test accuracy 90.0 % (random encoder 50.0 %, pixels 87.5 %)',
      json: { epoch: 2, step: 20, probe: expect.closeTo(0.9, 6), random: 0.5, pixels: 0.875 },
    });
  });

  it('of a lab without its own: every column, n/a for one that is not finite', () => {
    expect(lineOf('dae', point({ loss: 12.5, other: Number.NaN })).text).toBe(
      'epoch 2: loss 12.50, other n/a',
    );
  });
});
