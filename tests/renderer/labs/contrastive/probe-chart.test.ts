import { scaleLinear } from 'd3';
import { describe, expect, it } from 'vitest';
import { endLabels, type ProbeSeries } from '../../../../renderer/labs/contrastive/probe-chart.js';

const run = (key: string, last: number, random = 0.62, pixels = 0.88): ProbeSeries => ({
  key,
  label: key,
  color: '#000',
  learned: [
    [0, 0.6],
    [1, last],
  ],
  random,
  pixels,
});

describe('the labels at the right end of the probe chart', () => {
  it('do not print on top of each other when a comparison ends at nearly the same accuracy', () => {
    // τ = 0.1, 0.2, 0.5 ending within half a point of each other and of the pixel baseline.
    const y = scaleLinear().domain([0.5, 1]).range([250, 16]);
    const labels = endLabels(
      [run('τ = 0.1', 0.885), run('τ = 0.2', 0.883), run('τ = 0.5', 0.881)],
      y,
      20,
      250,
    );
    expect(labels.map((l) => l.text)).toEqual([
      'τ = 0.1 88.5 %',
      'random encoder 62.0 %',
      'raw pixels 88.0 %',
      'τ = 0.2 88.3 %',
      'τ = 0.5 88.1 %',
    ]);
    const ys = labels.map((l) => l.y).sort((a, b) => a - b);
    for (let i = 1; i < ys.length; i++) expect(ys[i]! - ys[i - 1]!).toBeGreaterThanOrEqual(16);
    for (const l of labels) expect(Math.abs(l.y - l.at)).toBeLessThan(60); // still beside its curve
  });

  it('names the one run "learned"', () => {
    const y = scaleLinear().domain([0.5, 1]).range([250, 16]);
    expect(endLabels([run('a', 0.95)], y, 20, 250)[0]!.text).toBe('learned 95.0 %');
  });
});
