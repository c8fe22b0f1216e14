import { describe, expect, it } from 'vitest';
import { vaePresets } from '../../../../protocol/vae/config.js';
import {
  checkForm,
  companionConfig,
  formFromConfig,
  formToInput,
  matchPreset,
  presetBeside,
  presetForm,
} from '../../../../renderer/labs/vae/form.js';
import { readNumber } from '../../../../renderer/lib/form.js';

describe('the VAE form', () => {
  it('round-trips the presets into the same config', () => {
    for (const name of ['default', 'course'] as const) {
      expect(checkForm(presetForm(name)).config).toEqual(vaePresets[name]);
    }
  });

  it.each([
    ['beta', '-1', /β \(KL weight\) \(beta\) must be a number at least 0/],
    ['latentDim', '0', /latent size d \(latentDim\) must be a whole number at least 1 and at most 64; got 0/],
    ['batchSize', '9500', /at most 9000 \(the training digits\)/],
    ['learningRate', 'fast', /learning rate \(learningRate\) .*got "fast"/],
    ['epochs', '', /epochs \(epochs\) must be a whole number/],
  ] as const)('puts the error for %s = %j under that field', (field, text, message) => {
    const form = presetForm('default');
    form.numbers[field] = text;
    const check = checkForm(form);
    expect(check.config).toBeNull();
    expect(check.errors[field]).toMatch(message);
  });

  it('reads numbers written with spaces or exponents and keeps text as text', () => {
    expect(readNumber(' 1e-3 ')).toBe(0.001);
    expect(readNumber('abc')).toBe('abc');
    expect(readNumber('')).toBe('');
  });

  it('sends IDX paths when given, and asks for both images and labels', () => {
    const form = { ...presetForm('default'), idxImages: '/data/train-images.gz' };
    expect(formToInput(form).data).toMatchObject({ kind: 'idx', images: '/data/train-images.gz' });
    expect(checkForm(form).errors.data).toMatch(/data.labels must name an IDX file/);
    const full = { ...form, idxLabels: '/data/train-labels.gz' };
    expect(checkForm(full).config?.data).toEqual({
      kind: 'idx',
      images: '/data/train-images.gz',
      labels: '/data/train-labels.gz',
    });
    expect(formFromConfig(checkForm(full).config!).idxLabels).toBe('/data/train-labels.gz');
  });

  it('makes the companion a classic AE with the same settings', () => {
    const c = companionConfig(vaePresets.default);
    expect(c.variant).toBe('ae');
    expect({ ...c, variant: 'vae' }).toEqual(vaePresets.default);
  });

  it('trains nothing beside any preset, so each preset runs one model at its own speed', () => {
    expect(Object.keys(presetBeside).sort()).toEqual(Object.keys(vaePresets).sort());
    for (const beside of Object.values(presetBeside)) expect(beside).toBe('none');
  });

  it('recognises a preset whatever the seed and variant, and calls anything else custom', () => {
    expect(matchPreset(vaePresets.course)).toBe('course');
    expect(matchPreset({ ...vaePresets.default, seed: 9, variant: 'ae' })).toBe('default');
    expect(matchPreset({ ...vaePresets.course, hiddenDim: 128 })).toBe('custom');
    expect(matchPreset(null)).toBe('custom');
  });
});
