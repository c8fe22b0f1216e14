import { describe, expect, it } from 'vitest';
import { progressLine } from '../../host/cli-progress.js';
import { convCli } from '../../host/conv/cli.js';
import { energyCli } from '../../host/energy/cli.js';
import type { StatusEvent } from '../../protocol/messages.js';

const status = (step: number, stepsPerEpoch: number, totalSteps: number): StatusEvent => ({
  type: 'status',
  runId: 'r',
  state: 'running',
  backend: null,
  epoch: 0,
  step,
  stepsPerEpoch,
  totalSteps,
  samplesPerSecond: 0,
});

describe('the CLI progress line', () => {
  it('counts epochs by default, models for a sweep, and nothing for step-counted labs', () => {
    expect(progressLine(status(250, 100, 1000), 10, 8, null)).toMatch(/^epoch 3\/10 ▕/);
    expect(progressLine(status(4500, 2000, 14000), 7, 8, null, 20, 'model')).toMatch(/^model 3\/7 ▕/);
    expect(progressLine(status(30, 30, 600), 1, 8, null, 20, null)).toMatch(/^▕█+░+▏ step 30\/600/);
  });

  it('conv sweeps count models and the energy lab counts steps', () => {
    const conv = convCli.parse(new Map([['sweep', '64']]));
    const energy = energyCli.parse(new Map());
    if (!conv.ok || !energy.ok) throw new Error('the default flags should parse');
    expect(convCli.progress(conv.spec)).toMatchObject({ epochs: 7, unit: 'model' });
    expect(energyCli.progress(energy.spec).unit).toBeNull();
  });
});
