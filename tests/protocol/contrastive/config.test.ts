import { describe, expect, it } from 'vitest';
import { checkContrastiveConfig } from '../../../models/contrastive/config.js';
import { contrastiveConfigFromFlags } from '../../../host/contrastive/cli.js';
import { parseStartSpec, runSlug } from '../../../protocol/labs.js';
import {
  contrastiveModelConfig,
  contrastivePresets,
  defaultContrastiveLabConfig,
  parseContrastiveConfig,
} from '../../../protocol/contrastive/config.js';
import { checkLiveParam } from '../../../protocol/live-params.js';

describe('parseContrastiveConfig', () => {
  it('accepts every preset and fills missing fields with the defaults', () => {
    for (const preset of Object.values(contrastivePresets))
      expect(parseContrastiveConfig(preset)).toEqual({ ok: true, value: preset });
    expect(parseContrastiveConfig({})).toEqual({ ok: true, value: defaultContrastiveLabConfig });
  });

  it('states the same ranges the model checks: every preset passes the model’s own check', () => {
    for (const c of Object.values(contrastivePresets))
      expect(checkContrastiveConfig({ ...c, projectionHidden: c.representationDim })).toEqual([]);
  });

  it('trains the model the configuration names, its projection head as wide as the representation', () => {
    const c = { ...contrastivePresets.tiny, representationDim: 24, projectionDim: 6, memoryBankSize: 32 };
    expect(contrastiveModelConfig(c)).toEqual({
      conv1Channels: c.conv1Channels,
      conv2Channels: c.conv2Channels,
      representationDim: 24,
      projectionHidden: 24,
      projectionDim: 6,
      heads: c.heads,
      loss: c.loss,
      temperature: c.temperature,
      memoryBankSize: 32,
      learningRate: c.learningRate,
    });
  });

  it.each([
    [
      { temperature: 0 },
      'temperature',
      'temperature τ (temperature) must be a number at least 0.01 and at most 10; got 0.',
    ],
    [{ temperature: 'cold' }, 'temperature', 'got "cold"'],
    [
      { batchSize: 1 },
      'batchSize',
      'batch size N (batchSize) must be a whole number at least 2 and at most 1024; got 1.',
    ],
    [{ batchSize: 12.5 }, 'batchSize', 'whole number'],
    [
      { memoryBankSize: -1 },
      'memoryBankSize',
      'memory bank (memoryBankSize) must be a whole number at least 0',
    ],
    [{ learningRate: 0 }, 'learningRate', 'greater than 0'],
    [{ epochs: 0 }, 'epochs', 'epochs (epochs) must be a whole number at least 1'],
    [{ probeDigits: 5 }, 'probeDigits', 'probe digits (probeDigits) must be a whole number at least 20'],
    [{ projectionDim: 1 }, 'projectionDim', 'embedding z (projectionDim)'],
    [{ heads: 'three' }, 'heads', 'heads must be one of shared, separate; got "three".'],
    [{ loss: 'triplet' }, 'loss', 'loss must be one of nt-xent, info-nce, pirl-nce; got "triplet".'],
    [
      { augment: { rotation: { on: true, strength: 200 } } },
      'augment.rotation.strength',
      'rotation strength (degrees) (augment.rotation.strength) must be a number at least 0 and at most 180; got 200.',
    ],
    [{ augment: { noise: { on: 'yes', strength: 0.1 } } }, 'augment.noise.on', 'must be true or false'],
    [{ augment: { blur: { on: true, strength: 1 } } }, 'augment', 'augment has no blur'],
    [{ augment: 3 }, 'augment', 'augment must be an object'],
  ])('refuses %j, naming %s', (input, field, message) => {
    const result = parseContrastiveConfig(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const error = result.errors.find((e) => e.field === field);
    expect(error?.message).toContain(message);
  });

  it('refuses a config that is not an object', () => {
    expect(parseContrastiveConfig(null)).toMatchObject({ ok: false, errors: [{ field: 'config' }] });
  });

  it('is reachable through the lab registry with a slug', () => {
    const spec = parseStartSpec('contrastive', { temperature: 0.5, batchSize: 64 });
    expect(spec.ok).toBe(true);
    if (spec.ok) expect(runSlug(spec.value)).toBe('contrastive-t05-b64');
  });

  it.each([
    ['temperature', 0.5, null],
    ['temperature', 0, 'temperature'],
    ['learningRate', 1e-3, null],
    ['learningRate', -1, 'learningRate'],
    ['batchSize', 32, 'batchSize'],
  ])('checks the live parameter %s = %d', (name, value, field) => {
    expect(checkLiveParam('contrastive', name, value)?.field ?? null).toBe(field);
  });
});

describe('train contrastive flags', () => {
  const flags = (pairs: Record<string, string>) => new Map(Object.entries(pairs));

  it('maps kebab-case flags and augmentation strengths onto the config', () => {
    const parsed = contrastiveConfigFromFlags(
      flags({
        preset: 'tiny',
        temperature: '0.5',
        'batch-size': '32',
        elastic: 'off',
        rotation: '30',
        heads: 'separate',
      }),
    );
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.config).toMatchObject({ temperature: 0.5, batchSize: 32, heads: 'separate', epochs: 2 });
    expect(parsed.config.augment.elastic.on).toBe(false);
    expect(parsed.config.augment.rotation).toEqual({ on: true, strength: 30 });
  });

  it.each([
    [{ preset: 'huge' }, '--preset must be one of default, quick, pirl, tiny'],
    [{ crop: '2' }, '(augment.crop.strength) must be a number at least 0 and at most 0.9; got 2.'],
    [{ 'memory-bank-size': 'lots' }, 'got "lots"'],
  ])('refuses %j with the field named', (pairs, message) => {
    const parsed = contrastiveConfigFromFlags(flags(pairs));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.messages.join(' ')).toContain(message);
  });
});
