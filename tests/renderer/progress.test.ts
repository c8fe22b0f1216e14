import { describe, expect, it } from 'vitest';
import type { StatusEvent } from '../../protocol/messages.js';
import { describeProgress, stepsBeforeEstimate } from '../../renderer/lib/progress.js';
import { sayContrastive } from '../../protocol/contrastive/texts.js';
import { useLanguage } from '../../renderer/lib/i18n/translate.js';

type Status = Parameters<typeof describeProgress>[0];

/** The sparse lab's default run: 15 epochs of 98 steps of 64 digits. */
const sparse: Status = {
  step: 1,
  totalSteps: 1470,
  epoch: 0,
  stepsPerEpoch: 98,
  // The first step compiled the training step and sent the first views: 64 samples in 1.6 s.
  samplesPerSecond: 40,
  state: 'running',
};

/** The conv lab's default sweep: n = 1, 2, 4 … 64, 2000 steps each, batches of 32. */
const sweep = (model: number, modelStep: number, samplesPerSecond: number): Status => ({
  step: (model - 1) * 2000 + modelStep,
  totalSteps: 7 * 2000,
  epoch: model - 1,
  stepsPerEpoch: 2000,
  samplesPerSecond,
  state: 'running',
  sweep: { model, models: 7, label: `n = ${2 ** (model - 1)}`, modelStep, modelSteps: 2000 },
});

describe('the time left', () => {
  it('says "estimating…" over the first steps instead of "38 min left" for a run of seconds', () => {
    expect(describeProgress(sparse, 64, 15).etaLabel).toBe('estimating…');
    expect(describeProgress({ ...sparse, step: stepsBeforeEstimate(1470) - 1 }, 64, 15).etaLabel).toBe(
      'estimating…',
    );
  });

  it('estimates from the speed once enough steps are behind it', () => {
    const n = stepsBeforeEstimate(1470);
    expect(n).toBe(147); // a tenth of the run, at least 20, at most 500
    const p = describeProgress({ ...sparse, step: 470, samplesPerSecond: 3200 }, 64, 15);
    expect(p.etaLabel).toBe('20 s left'); // 1000 steps × 64 ÷ 3200 samples/s
    expect(stepsBeforeEstimate(100)).toBe(20);
    expect(stepsBeforeEstimate(1e6)).toBe(500);
  });

  it('gives no estimate while paused, and none while the run does something else than steps', () => {
    expect(describeProgress({ ...sparse, step: 470, state: 'paused' }, 64, 15).etaLabel).toBe('');
    const probing = describeProgress(
      {
        ...sparse,
        step: 0,
        phase: sayContrastive('contrastivePhaseBaselines'),
      },
      256,
      5,
    );
    expect(probing.phaseLabel).toMatch(/^measuring the baselines/);
    expect(probing.etaLabel).toBe('');
  });

  it('says the phase in the window’s language', () => {
    useLanguage(() => 'it');
    try {
      const bank = sayContrastive('contrastivePhaseBank', { count: 9000 });
      expect(describeProgress({ ...sparse, step: 0, phase: bank }, 256, 5).phaseLabel).toMatch(
        /^riempimento della banca di memoria di PIRL/,
      );
    } finally {
      useLanguage(() => 'en');
    }
  });
});

describe('a sweep of models', () => {
  it('counts models, not epochs: "model 3 of 7 (n = 4)"', () => {
    const p = describeProgress(sweep(3, 1200, 3200), 32, 7);
    expect(p.epochLabel).toBe('model 3 of 7 (n = 4)');
    expect(p.stepLabel).toBe('step 5,200 / 14,000');
  });

  it('estimates each model anew after its own warm-up, and the rest of the sweep as a lower bound', () => {
    expect(describeProgress(sweep(2, 50, 800), 32, 7).etaLabel).toBe('estimating…');
    expect(describeProgress(sweep(2, 1000, 3200), 32, 7).etaLabel).toBe(
      '10 s left on this model · at least 1 min 50 s for the sweep', // 1000 and 11,000 steps × 32 ÷ 3200
    );
    expect(describeProgress(sweep(7, 1500, 1600), 32, 7).etaLabel).toBe('10 s left');
  });
});

describe('start-up', () => {
  it('says what the trainer does before it counts steps', () => {
    const starting: Status = {
      step: 0,
      totalSteps: 0,
      epoch: 0,
      stepsPerEpoch: 0,
      samplesPerSecond: 0,
      state: 'starting',
    };
    const p = describeProgress(starting, 64, 15);
    expect(p.phaseLabel).toBe('starting: the backend and the data…');
    expect([p.epochLabel, p.stepLabel, p.etaLabel]).toEqual(['', '', '']);
  });

  it('says no "epoch 1 / 1" for a lab counted in steps (the energy lab, one conv model)', () => {
    const energy: Status = {
      step: 300,
      totalSteps: 3000,
      epoch: 0.1,
      stepsPerEpoch: 3000,
      samplesPerSecond: 1e4,
      state: 'running',
    };
    expect(describeProgress(energy, 128, 1).epochLabel).toBe('');
    expect(describeProgress(energy, 128, 1).stepLabel).toBe('step 300 / 3,000');
  });

  it('drops the phase once the run has ended', () => {
    const ended: Status = {
      ...sparse,
      step: 1470,
      state: 'done',
      phase: sayContrastive('contrastivePhaseProbe', { epoch: 1 }),
    } as Status & Pick<StatusEvent, 'phase'>;
    const p = describeProgress(ended, 64, 15);
    expect(p.phaseLabel).toBe('');
    expect(p.etaLabel).toBe('finished');
  });
});
