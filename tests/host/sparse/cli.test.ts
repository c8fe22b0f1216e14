import { describe, expect, it } from 'vitest';
import { sparseConfigFromFlags } from '../../../host/sparse/cli.js';

const configOf = (...pairs: [string, string][]) => {
  const result = sparseConfigFromFlags(new Map(pairs), 'dictionary');
  if (!result.ok) throw new Error(result.messages.join(' '));
  return result.config;
};

describe('train sparse --codes', () => {
  it('MNIST takes the preset’s non-negative codes; patches from it take signed codes unless --codes says', () => {
    expect(configOf().codes).toBe('non-negative');
    expect(configOf(['data', 'dead-leaves']).codes).toBe('signed');
    expect(configOf(['data', 'dead-leaves'], ['codes', 'non-negative']).codes).toBe('non-negative');
    expect(configOf(['codes', 'signed']).codes).toBe('signed');
    expect(configOf(['preset', 'patches8']).codes).toBe('signed');
  });
});
