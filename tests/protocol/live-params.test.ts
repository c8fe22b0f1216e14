/**
 * Live parameters (protocol/live-params.ts): every lab's own table, one checker. Names that
 * every object has through its prototype are never live parameters, values out of a field's
 * range are refused with the range in the sentence, and values in range pass.
 */
import { describe, expect, it } from 'vitest';
import { labNames, labs, type LabName } from '../../protocol/labs.js';
import { checkLiveParam, liveValues, type LiveParamName } from '../../protocol/live-params.js';
import { vaeLiveParams, vaePresets } from '../../protocol/vae/config.js';

const prototypeNames = ['toString', 'constructor', 'valueOf', 'hasOwnProperty', '__proto__', 'isPrototypeOf'];

describe('checkLiveParam', () => {
  it.each(labNames)('%s: refuses the names of Object.prototype, listing its live parameters', (lab) => {
    const names = Object.keys(labs[lab].liveParams);
    expect(names.length).toBeGreaterThan(0);
    for (const name of prototypeNames) {
      expect(checkLiveParam(lab, name, 1)).toEqual({
        field: name,
        code: 'notLiveNamed',
        params: { name, names: names.join(', ') },
        message: `${name} cannot be changed while this run trains; live parameters: ${names.join(', ')}.`,
      });
    }
  });

  it.each(labNames)('%s: refuses a value out of range with the range, and takes one in range', (lab) => {
    for (const [name, spec] of Object.entries(labs[lab].liveParams)) {
      const below = spec.min - 1;
      const error = checkLiveParam(lab, name, below);
      expect(error?.field).toBe(name);
      expect(error?.message).toContain(`${spec.label} (${name}) must be`);
      expect(error?.message).toMatch(
        new RegExp(`(at least|greater than) ${spec.min} and at most ${spec.max}; got ${below}\\.$`),
      );
      expect(checkLiveParam(lab, name, spec.max + 1)?.message).toContain(`at most ${spec.max}`);
      expect(checkLiveParam(lab, name, spec.max)).toBeNull();
    }
  });

  it('checks each lab against its own table: λ is live in the sparse lab, not in the VAE', () => {
    expect(checkLiveParam('sparse', 'lambda', 0.5)).toBeNull();
    expect(checkLiveParam('vae', 'lambda', 0.5)?.message).toBe(
      'lambda cannot be changed while this run trains; live parameters: beta, learningRate.',
    );
    expect(checkLiveParam('vae', 'beta', 4)).toBeNull();
    expect(checkLiveParam('vae', 'beta', 101)?.message).toBe(
      'β (KL weight) (beta) must be a number at least 0 and at most 100; got 101.',
    );
    expect(checkLiveParam('energy', 'step', 3)).toBeNull(); // single steps while paused
    expect(checkLiveParam('energy', 'step', 2.5)?.message).toMatch(
      /whole number at least 1 and at most 1000/,
    );
  });

  it('types the names per lab and takes the starting values from the config', () => {
    const beta: LiveParamName<'vae'> = 'beta';
    // @ts-expect-error λ is not a live parameter of the VAE
    const wrong: LiveParamName<'vae'> = 'lambda';
    const lab: LabName = 'vae';
    expect([beta, wrong, lab]).toHaveLength(3);
    expect(liveValues(vaeLiveParams, { ...vaePresets.tiny, beta: 2 })).toEqual({
      beta: 2,
      learningRate: vaePresets.tiny.learningRate,
    });
  });
});
