import { describe, expect, it } from 'vitest';
import {
  checkContrastiveForm,
  contrastiveFormFromConfig,
  matchContrastivePreset,
  parseCompareValues,
  presetContrastiveForm,
} from '../../../../renderer/labs/contrastive/form.js';
import { mapSpace, mapSubtitle } from '../../../../renderer/labs/contrastive/map.js';
import type { ArraysEvent } from '../../../../protocol/messages.js';
import { probeGeometry, probeSeries } from '../../../../renderer/labs/contrastive/probe-chart.js';
import { MetricSeries } from '../../../../renderer/lib/series.js';
import { histogramGeometry, shares } from '../../../../renderer/labs/contrastive/similarity-histogram.js';
import { contrastivePresets } from '../../../../protocol/contrastive/config.js';

describe('the similarity histogram geometry', () => {
  it('draws each kind as its share of its own pairs, so 16 positives show beside 240 negatives', () => {
    const positives = new Float32Array(4);
    positives[3] = 16;
    const negatives = Float32Array.from([0, 120, 120, 0]);
    expect(Array.from(shares(negatives))).toEqual([0, 0.5, 0.5, 0]);
    const g = histogramGeometry(
      { positives, negatives, min: -1, max: 1 },
      { left: 0, top: 0, right: 400, bottom: 100 },
    );
    expect(g.positives).toHaveLength(1);
    expect(g.positives[0]).toMatchObject({ x: 300, share: 1, y: 0, height: 100 });
    expect(g.negatives.map((b) => b.x)).toEqual([100, 200]);
    expect(g.negatives[0]!.height).toBeCloseTo(50);
  });
});

describe('the probe chart', () => {
  it('reads learned points by epoch and the baselines once', () => {
    const test = new MetricSeries();
    test.append({
      steps: Float64Array.from([0]),
      epochs: Float64Array.from([0]),
      columns: {
        probe: Float32Array.from([0.8]),
        random: Float32Array.from([0.8]),
        pixels: Float32Array.from([0.88]),
      },
    });
    test.append({
      steps: Float64Array.from([70]),
      epochs: Float64Array.from([1]),
      columns: {
        probe: Float32Array.from([0.95]),
        random: Float32Array.from([0.8]),
        pixels: Float32Array.from([0.88]),
      },
    });
    const s = probeSeries(test, 'r', 'learned', '#000');
    expect(s.learned.map(([e, v]) => [e, Number(v.toFixed(2))])).toEqual([
      [0, 0.8],
      [1, 0.95],
    ]);
    expect(s.pixels).toBeCloseTo(0.88);
    const g = probeGeometry([s], { left: 0, top: 0, right: 100, bottom: 100 });
    expect(g.y.domain()).toEqual([0.8, 1]);
    expect(g.paths[0]!.d).toMatch(/^M0,100L100,25/);
  });
});

describe('the contrastive form of a reopened run', () => {
  const saved = {
    ...contrastivePresets.pirl,
    temperature: 0.07,
    epochs: 3,
    seed: 9,
    augment: { ...contrastivePresets.pirl.augment, elastic: { on: false, strength: 2 } },
  };

  it("shows the run's settings, not the defaults, and parses back to its config", () => {
    const form = contrastiveFormFromConfig(saved);
    expect(form.numbers).toMatchObject({
      temperature: '0.07',
      epochs: '3',
      seed: '9',
      memoryBankSize: '4096',
    });
    expect(form).toMatchObject({ heads: 'separate', loss: 'pirl-nce' });
    expect(form.augment.elastic).toEqual({ on: false, strength: '2' });
    expect(form).not.toEqual(presetContrastiveForm('default'));
    expect(checkContrastiveForm(form).config).toEqual(saved);
  });

  it('names the preset a run used (the seed aside), else custom', () => {
    expect(matchContrastivePreset({ ...contrastivePresets.quick, seed: 5 })).toBe('quick');
    expect(matchContrastivePreset(contrastivePresets.tiny)).toBe('tiny');
    expect(matchContrastivePreset(saved)).toBe('custom');
  });

  it('fills a setting an older run folder lacks from the default preset', () => {
    const { loss: _, ...older } = contrastivePresets.tiny;
    const form = contrastiveFormFromConfig(older as typeof contrastivePresets.tiny);
    expect(form.loss).toBe(contrastivePresets.default.loss);
    expect(form.numbers.epochs).toBe(String(contrastivePresets.tiny.epochs));
  });
});

describe('the embedding map says what it projects', () => {
  const map = (info: ArraysEvent['info']): ArraysEvent => ({
    type: 'arrays',
    runId: 'r',
    view: 'embedding',
    step: 0,
    arrays: {},
    shapes: {},
    ...(info ? { info } : {}),
  });
  it.each([
    [{ space: 'z', explained: 0.21 }, 'z', 'PCA of the normalised embedding z'],
    [{ explained: 0.46 }, 'h', 'PCA of the representation h'],
  ] as const)('%j → %s', (info, space, subtitle) => {
    expect(mapSpace(map(info))).toBe(space);
    expect(mapSubtitle(map(info))).toContain(subtitle);
  });
});

describe('the contrastive form', () => {
  it('round-trips every preset through the parser', () => {
    for (const name of Object.keys(contrastivePresets) as (keyof typeof contrastivePresets)[])
      expect(checkContrastiveForm(presetContrastiveForm(name)).config).toEqual(contrastivePresets[name]);
  });

  it('names the augmentation strength at fault', () => {
    const form = presetContrastiveForm('default');
    form.augment.noise.strength = '3';
    expect(checkContrastiveForm(form).errors['augment.noise.strength']).toContain('at most 0.5; got 3.');
  });

  it.each([
    ['0.05, 0.2, 1', 'temperature', [0.05, 0.2, 1]],
    ['16 64', 'batchSize', [16, 64]],
    ['0.2', 'temperature', 'Give 2 or 3 different values'],
    ['0.2, 0.2', 'temperature', 'Give 2 or 3 different values'],
    ['1, 2, 3, 4', 'batchSize', 'Give 2 or 3 different values'],
    ['0, 1', 'temperature', 'from 0.01 to 10'],
    ['16, 2.5', 'batchSize', 'a whole number from 2 to 1024'],
  ] as const)('reads comparison values %j of %s', (text, kind, expected) => {
    const result = parseCompareValues(text, kind);
    if (typeof expected === 'string') expect(result).toContain(expected);
    else expect(result).toEqual(expected);
  });
});
