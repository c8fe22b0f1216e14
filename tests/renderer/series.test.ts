import { describe, expect, it } from 'vitest';
import { MetricSeries } from '../../renderer/lib/series.js';

const batch = (from: number, n: number, columns: Record<string, number[]>) => ({
  steps: Float64Array.from({ length: n }, (_, i) => from + i),
  epochs: Float64Array.from({ length: n }, (_, i) => (from + i) / 10),
  columns: Object.fromEntries(Object.entries(columns).map(([k, v]) => [k, Float32Array.from(v)])),
});

describe('MetricSeries', () => {
  it('appends batches in order and grows past its capacity', () => {
    const s = new MetricSeries(2);
    s.append(batch(0, 3, { recon: [3, 2, 1] }));
    s.append(batch(3, 2, { recon: [0.5, 0.25] }));
    expect(s.length).toBe(5);
    expect([...s.steps.subarray(0, s.length)]).toEqual([0, 1, 2, 3, 4]);
    expect([...s.column('recon')]).toEqual([3, 2, 1, 0.5, 0.25]);
  });

  it('reads NaN where a batch lacked a column, before and after it appeared', () => {
    const s = new MetricSeries(1);
    s.append(batch(0, 2, { recon: [1, 2] }));
    s.append(batch(2, 1, { recon: [3], kl: [9] }));
    s.append(batch(3, 1, { kl: [8] }));
    expect([...s.column('kl')].map((v) => (Number.isNaN(v) ? 'NaN' : v))).toEqual(['NaN', 'NaN', 9, 8]);
    expect(Number.isNaN(s.column('recon')[3]!)).toBe(true);
    expect(s.names).toEqual(['recon', 'kl']);
  });

  it('returns an empty column for an unknown name and forgets everything on clear', () => {
    const s = new MetricSeries();
    s.append(batch(0, 2, { total: [1, 2] }));
    expect(s.column('nope').length).toBe(0);
    s.clear();
    expect(s.length).toBe(0);
    expect(s.column('total').length).toBe(0);
  });
});
