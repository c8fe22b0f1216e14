import { describe, expect, it } from 'vitest';
import { energyConfigFromFlags } from '../../../host/energy/cli.js';
import { minUserPoints, toyDataNames } from '../../../models/energy/toy-data.js';
import { parseDenoiserConfig } from '../../../protocol/dae/config.js';
import {
  defaultEnergyConfig,
  energyDataNames,
  minDrawnPoints,
  parseEnergyConfig,
} from '../../../protocol/energy/config.js';
import { parseStartSpec } from '../../../protocol/labs.js';
import { checkLiveParam } from '../../../protocol/live-params.js';

const square = [0, 0, 1, 0, 1, 1, 0, 1, 0.5, 0.5];

describe('parseEnergyConfig', () => {
  it('fills every missing field from the defaults', () => {
    expect(parseEnergyConfig({})).toEqual({ ok: true, value: defaultEnergyConfig });
  });

  it('gives the conditional latent EBM two corners (the branches of a column) unless asked, and refuses K = 1', () => {
    expect(parseEnergyConfig({ method: 'conditional' })).toMatchObject({ ok: true, value: { latentDim: 2 } });
    expect(parseEnergyConfig({ method: 'latent' })).toMatchObject({ ok: true, value: { latentDim: 8 } });
    // The latent EBMs' decoders learn at 1e-2 unless asked (the energy nets keep 2e-3).
    expect(parseEnergyConfig({ method: 'latent' })).toMatchObject({ value: { learningRate: 1e-2 } });
    expect(parseEnergyConfig({ method: 'cd' })).toMatchObject({ value: { learningRate: 2e-3 } });
    expect(parseEnergyConfig({ method: 'latent', learningRate: 3e-3 })).toMatchObject({
      value: { learningRate: 3e-3 },
    });
    expect(parseEnergyConfig({ method: 'conditional', latentDim: 4 })).toMatchObject({
      value: { latentDim: 4 },
    });
    const flags = (...words: string[]) => new Map(words.map((w) => w.split('=') as [string, string]));
    expect(energyConfigFromFlags(flags('method=conditional'))).toMatchObject({ config: { latentDim: 2 } });
    expect(energyConfigFromFlags(flags('method=conditional', 'latent-dim=3'))).toMatchObject({
      config: { latentDim: 3 },
    });
    // K = 1 cannot reach the plane (the run failed after making its folder): refused up front.
    const one = parseEnergyConfig({ method: 'latent', latentDim: 1 });
    expect(one.ok).toBe(false);
    expect(JSON.stringify(one)).toMatch(/latent size K \(latentDim\) must be a whole number at least 2/);
  });

  it('names the same data sets and the same fewest drawn points as the models', () => {
    expect(energyDataNames.filter((n) => n !== 'drawn')).toEqual([...toyDataNames]);
    expect(minDrawnPoints).toBe(minUserPoints);
  });

  it.each([
    [{ method: 'gan' }, 'method', 'method must be one of dae, cd, pcd, latent, conditional; got "gan".'],
    [
      { method: 'conditional', condition: 11 },
      'condition',
      'condition x₀ (condition) must be a number at least -10 and at most 10; got 11.',
    ],
    [{ data: 'swiss' }, 'data', 'data must be one of moons, spiral, rings, gaussians, drawn; got "swiss".'],
    [{ sigma: 0 }, 'sigma', 'σ (corruption) (sigma) must be a number greater than 0 and at most 5; got 0.'],
    [{ k: 2.5 }, 'k', 'Langevin steps k (k) must be a whole number at least 0 and at most 500; got 2.5.'],
    [
      { reinitRate: 1.5 },
      'reinitRate',
      're-init rate ρ (reinitRate) must be a number at least 0 and at most 1; got 1.5.',
    ],
    [
      { stepSize: -1 },
      'stepSize',
      'Langevin step η (stepSize) must be a number greater than 0 and at most 1; got -1.',
    ],
    [
      { lambda: 'big' },
      'lambda',
      'λ (latent penalty) (lambda) must be a number at least 0 and at most 10; got "big".',
    ],
    [
      { bufferSize: 0 },
      'bufferSize',
      'buffer size (bufferSize) must be a whole number at least 1 and at most 20000; got 0.',
    ],
    [
      { learningRate: 0 },
      'learningRate',
      'learning rate (learningRate) must be a number greater than 0 and at most 1; got 0.',
    ],
    [{ data: 'drawn' }, 'points', 'Draw at least 5 points on the pad to train on your own data.'],
    [{ data: 'drawn', points: [1, 2, 3, 4] }, 'points', 'Draw at least 5 points to train on (got 2).'],
    [
      { data: 'drawn', points: [1, 2, 3] },
      'points',
      'Points come as x, y pairs, but 3 coordinates were given.',
    ],
    [
      { data: 'drawn', points: [...square, 50, 0] },
      'points',
      'Point 6 must have coordinates between −10 and 10; got 50.',
    ],
  ])('refuses %j naming %s', (input, field, message) => {
    const result = parseEnergyConfig(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors).toContainEqual(expect.objectContaining({ field, message }));
  });

  it('takes drawn points and keeps them with the config', () => {
    const result = parseEnergyConfig({ data: 'drawn', points: square, method: 'pcd' });
    expect(result).toMatchObject({ ok: true, value: { data: 'drawn', points: square, method: 'pcd' } });
  });

  it('is the parser of the "energy" lab and of the ebm2d flags', () => {
    expect(parseStartSpec('energy', { method: 'dae' })).toMatchObject({ ok: true, value: { lab: 'energy' } });
    const flags = new Map([
      ['method', 'cd'],
      ['data', 'spiral'],
      ['k', '10'],
      ['step-size', '0.02'],
    ]);
    expect(energyConfigFromFlags(flags)).toMatchObject({
      ok: true,
      config: { method: 'cd', data: 'spiral', k: 10, stepSize: 0.02 },
    });
    expect(energyConfigFromFlags(new Map([['points', '0,0 1,1 2,2']]))).toEqual({
      ok: false,
      messages: ['Draw at least 5 points to train on (got 3).'],
    });
  });

  it.each([
    ['lambda', 0.5, null],
    ['condition', -1.5, null],
    ['k', 3.5, 'Langevin steps k (k) must be a whole number at least 0 and at most 500; got 3.5.'],
    [
      'bufferSize',
      10,
      'bufferSize cannot be changed while this run trains; live parameters: learningRate, sigma, stepSize, noiseScale, k, alpha, reinitRate, lambda, condition, step.',
    ],
    ['step', 0, 'single steps (step) must be a whole number at least 1 and at most 1000; got 0.'],
  ])('checks the live parameter %s = %s', (name, value, message) => {
    expect(checkLiveParam('energy', name, value)?.message ?? null).toBe(message);
  });
});

describe('parseDenoiserConfig', () => {
  it.each([
    [{ noise: 'salt' }, 'noise', 'noise must be one of gaussian, mask; got "salt".'],
    [
      { strength: 2 },
      'strength',
      'noise strength (strength) must be a number at least 0 and at most 1; got 2.',
    ],
    [
      { hiddenDim: 4 },
      'hiddenDim',
      'hidden width h (hiddenDim) must be a whole number at least 8 and at most 2048; got 4.',
    ],
  ])('refuses %j naming %s', (input, field, message) => {
    const result = parseDenoiserConfig(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors).toContainEqual(expect.objectContaining({ field, message }));
  });

  it('accepts masking noise', () => {
    expect(parseDenoiserConfig({ noise: 'mask', strength: 0.4 })).toMatchObject({
      ok: true,
      value: { noise: 'mask', strength: 0.4 },
    });
  });
});
