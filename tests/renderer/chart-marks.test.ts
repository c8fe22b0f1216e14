import { scaleLinear } from 'd3';
import { describe, expect, it } from 'vitest';
import type { Curve } from '../../renderer/lib/chart.js';
import {
  curvesIdentity,
  distinctColors,
  paramLabel,
  placeMarks,
  spreadLabels,
} from '../../renderer/lib/chart-marks.js';
import { MetricSeries } from '../../renderer/lib/series.js';

describe('labels at the ends of curves', () => {
  it('never sit within a line of each other, and stay inside the plot', () => {
    const wanted = [100, 101, 103, 250, 99.5, 290, 291];
    const ys = spreadLabels(wanted, 16, 20, 292);
    const sorted = [...ys].sort((a, b) => a - b);
    for (let i = 1; i < sorted.length; i++)
      expect(sorted[i]! - sorted[i - 1]!).toBeGreaterThanOrEqual(16 - 1e-9);
    expect(Math.min(...ys)).toBeGreaterThanOrEqual(20);
    expect(Math.max(...ys)).toBeLessThanOrEqual(292);
  });

  it('keeps labels that do not collide where they want to be, and the order of those that do', () => {
    expect(spreadLabels([50, 200], 16, 0, 300)).toEqual([50, 200]);
    const ys = spreadLabels([120, 118], 16, 0, 300);
    expect(ys[1]!).toBeLessThan(ys[0]!); // 118 stays above 120
    expect(ys[0]! - ys[1]!).toBe(16);
  });
});

describe('marks of live changes', () => {
  const x = scaleLinear().domain([0, 1000]).range([50, 550]);

  it('writes the parameter and its new value: "β = 4", "τ = 0.1"', () => {
    expect(paramLabel('beta', 4)).toBe('β = 4');
    expect(paramLabel('temperature', 0.1)).toBe('τ = 0.1');
    expect(paramLabel('learningRate', 0.0012345)).toBe('lr = 0.00123');
  });

  it('puts a tick at the step of each change, labels in rows so they do not overlap, none outside the plot', () => {
    const marks = placeMarks(
      [
        { step: 200, epoch: 1, name: 'beta', value: 4 },
        { step: 210, epoch: 1.05, name: 'learningRate', value: 0.002 },
        { step: 1500, epoch: 7.5, name: 'beta', value: 1 },
      ],
      x,
      'step',
      50,
      550,
    );
    expect(marks.map((m) => [m.x, m.label])).toEqual([
      [150, 'β = 4'],
      [155, 'lr = 0.002'],
    ]);
    expect(marks.map((m) => m.row)).toEqual([0, 1]);
  });

  it('puts the label of a tick near the right edge on its left, inside the plot', () => {
    const [mark] = placeMarks([{ step: 990, epoch: 5, name: 'beta', value: 2.5 }], x, 'step', 50, 550);
    expect(mark).toMatchObject({ x: 545, anchor: 'end', row: 0 });
  });

  it('counts a change sent to two runs drawn together once', () => {
    const change = { step: 400, epoch: 2, name: 'learningRate', value: 0.01 };
    expect(placeMarks([change, { ...change, step: 401 }], x, 'step', 50, 550)).toHaveLength(1);
    expect(placeMarks([change], x, 'epoch', 50, 550)[0]!.x).toBeCloseTo(x(2));
  });
});

function curve(key: string, color: string, train = new MetricSeries()): Curve {
  return { key, label: key, color, dashed: false, column: key, train, test: new MetricSeries() };
}

describe('curve colours and identity', () => {
  it('gives the LISTA error its own colour when the page asked for the energy curve’s', () => {
    const shown = distinctColors([
      curve('energy', '#009e73'),
      curve('reconstruction', '#0072b2'),
      curve('lista', '#009e73'),
    ]);
    expect(new Set(shown.map((c) => c.color)).size).toBe(3);
    expect(shown[0]!.color).toBe('#009e73');
  });

  it('changes when the run changes or its series are replayed, not when they grow', () => {
    const train = new MetricSeries();
    const before = curvesIdentity([curve('run-1:loss', '#000', train)]);
    train.append({
      steps: Float64Array.of(1),
      epochs: Float64Array.of(0.1),
      columns: { loss: Float32Array.of(2) },
    });
    expect(curvesIdentity([curve('run-1:loss', '#000', train)])).toBe(before);
    expect(curvesIdentity([curve('run-2:loss', '#000', train)])).not.toBe(before);
    train.clear();
    expect(curvesIdentity([curve('run-1:loss', '#000', train)])).not.toBe(before);
  });
});
