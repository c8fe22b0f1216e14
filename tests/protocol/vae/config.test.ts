import { describe, expect, it } from 'vitest';
import { describeRun, runSlug } from '../../../protocol/labs.js';
import { defaultVaeConfig, parseVaeConfig, vaePresets } from '../../../protocol/vae/config.js';

describe('parseVaeConfig', () => {
  it('accepts every preset unchanged', () => {
    for (const preset of Object.values(vaePresets)) {
      expect(parseVaeConfig(preset)).toEqual({ ok: true, value: preset });
    }
  });

  it('fills missing fields with the defaults', () => {
    const parsed = parseVaeConfig({ latentDim: 20 });
    expect(parsed).toEqual({ ok: true, value: { ...defaultVaeConfig, latentDim: 20 } });
  });

  const refused: ReadonlyArray<readonly [string, Record<string, unknown>, string, RegExp]> = [
    [
      'a negative β',
      { beta: -1 },
      'beta',
      /β \(KL weight\) \(beta\) must be a number at least 0 and at most 100; got -1/,
    ],
    [
      'latent size 0',
      { latentDim: 0 },
      'latentDim',
      /latent size d \(latentDim\) must be a whole number at least 1/,
    ],
    ['a fractional latent size', { latentDim: 2.5 }, 'latentDim', /whole number/],
    [
      'text where a number belongs',
      { learningRate: 'abc' },
      'learningRate',
      /learning rate \(learningRate\) .* got "abc"/,
    ],
    ['a zero learning rate', { learningRate: 0 }, 'learningRate', /greater than 0/],
    ['NaN epochs', { epochs: Number.NaN }, 'epochs', /epochs \(epochs\) must be/],
    [
      'a batch larger than the data',
      { batchSize: 9001 },
      'batchSize',
      /at most 9000 \(the training digits\); got 9001/,
    ],
    ['an unknown variant', { variant: 'gan' }, 'variant', /variant must be "vae" or "ae"/],
    ['a β = 0 twin flag that is not true or false', { betaZeroTwin: 'yes' }, 'betaZeroTwin', /true or false/],
    [
      'an IDX source without labels',
      { data: { kind: 'idx', images: 'a.idx' } },
      'data',
      /data.labels must name an IDX file/,
    ],
    [
      'test images without test labels',
      { data: { kind: 'idx', images: 'a', labels: 'b', testImages: 'c' } },
      'data',
      /given together/,
    ],
  ];

  it.each(refused)('refuses %s, naming the field', (_name, patch, field, message) => {
    const parsed = parseVaeConfig({ ...defaultVaeConfig, ...patch });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors.map((e) => e.field)).toContain(field);
    expect(parsed.errors.map((e) => e.message).join(' ')).toMatch(message);
  });

  it('reports every wrong field at once', () => {
    const parsed = parseVaeConfig({ beta: -1, latentDim: 0, seed: 'x' });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors.map((e) => e.field).sort()).toEqual(['beta', 'latentDim', 'seed']);
  });

  it('refuses a configuration that is not an object', () => {
    expect(parseVaeConfig('vae').ok).toBe(false);
    expect(parseVaeConfig(null).ok).toBe(false);
  });

  it('names the β = 0 twin of a pair in the runs list and in its run id; no preset starts a pair', () => {
    const pair = { ...defaultVaeConfig, betaZeroTwin: true };
    expect(describeRun({ lab: 'vae', config: pair })).toBe('VAE · d = 2');
    expect(describeRun({ lab: 'vae', config: { ...pair, beta: 0 } })).toBe('VAE β = 0 · d = 2');
    expect(runSlug({ lab: 'vae', config: { ...pair, beta: 0 } })).toBe('vae-b0-d2');
    expect(describeRun({ lab: 'vae', config: { ...defaultVaeConfig, beta: 0 } })).toBe('VAE · d = 2');
    for (const preset of Object.values(vaePresets)) expect(preset.betaZeroTwin).toBe(false);
  });
});
