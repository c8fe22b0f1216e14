import { describe, expect, it } from 'vitest';
import {
  buildLossGeometry,
  decimate,
  fullXDomain,
  lowerBound,
  nearestIndex,
  visibleYDomain,
  yTickValues,
  type Curve,
  layoutLegend,
  axisTicks,
  percentLabel,
  plotBox,
} from '../../renderer/lib/chart.js';
import { scaleLinear } from 'd3';
import { MetricSeries } from '../../renderer/lib/series.js';

function curve(values: number[], testValues: number[] = [], column = 'recon'): Curve {
  const train = new MetricSeries();
  train.append({
    steps: Float64Array.from(values, (_, i) => i + 1),
    epochs: Float64Array.from(values, (_, i) => (i + 1) / 10),
    columns: { [column]: Float32Array.from(values) },
  });
  const test = new MetricSeries();
  test.append({
    steps: Float64Array.from(testValues, (_, i) => (i + 1) * 10),
    epochs: Float64Array.from(testValues, (_, i) => i + 1),
    columns: { [column]: Float32Array.from(testValues) },
  });
  return { key: column, label: column, color: '#000', dashed: false, column, train, test };
}

const frame = { width: 500, height: 300, margin: { top: 10, right: 10, bottom: 30, left: 50 } };
const countVertices = (d: string) => (d.match(/[ML]/g) ?? []).length;

describe('loss chart geometry', () => {
  it('draws one vertex per training step while they fit the pixel budget', () => {
    const g = buildLossGeometry([curve([500, 300, 200, 150, 140])], frame, 'step', 'linear', null);
    expect(g.paths[0]!.vertices).toBe(5);
    expect(countVertices(g.paths[0]!.d)).toBe(5);
    expect(g.empty).toBe(false);
  });

  it('maps the first step to the left edge of the plot and the last to the right edge', () => {
    const g = buildLossGeometry([curve([3, 2, 1])], frame, 'step', 'linear', null);
    expect(g.x(1)).toBe(50);
    expect(g.x(3)).toBe(490);
  });

  it('leaves out non-positive values on a log scale but keeps them on a linear one', () => {
    const c = curve([10, 0, 5, -1, 2], [], 'kl');
    expect(buildLossGeometry([c], frame, 'step', 'log', null).paths[0]!.vertices).toBe(3);
    expect(buildLossGeometry([c], frame, 'step', 'linear', null).paths[0]!.vertices).toBe(5);
  });

  it('puts one marker per test evaluation, on the epoch axis too', () => {
    const g = buildLossGeometry(
      [
        curve(
          Array.from({ length: 30 }, (_, i) => 100 - i),
          [90, 80, 75],
        ),
      ],
      frame,
      'epoch',
      'log',
      null,
    );
    expect(g.markers.length).toBe(3);
    expect(g.markers[2]!.cx).toBeCloseTo(g.x(3));
  });

  it('shows only the zoomed range, with the y range fitted to the points inside it', () => {
    const values = Array.from({ length: 100 }, (_, i) => (i < 50 ? 1000 : 10 + (i % 3)));
    const g = buildLossGeometry([curve(values)], frame, 'step', 'linear', [60, 90]);
    const [lo, hi] = g.y.domain() as [number, number];
    expect(hi).toBeLessThan(20);
    expect(lo).toBeGreaterThanOrEqual(0);
  });

  it('says it is empty before the first point', () => {
    const g = buildLossGeometry([curve([])], frame, 'step', 'log', null);
    expect(g.empty).toBe(true);
    expect(fullXDomain([curve([])], 'step')).toEqual([0, 1]);
  });

  it('decimates long curves to the budget but keeps their spikes', () => {
    const ys = Array.from({ length: 10000 }, (_, i) => (i === 4321 ? 999 : 1));
    const kept = decimate(ys, 0, ys.length, 200);
    expect(kept.length).toBeLessThanOrEqual(204);
    expect(kept).toContain(4321);
    expect(kept[0]).toBe(0);
    expect(kept[kept.length - 1]).toBe(9999);
  });

  it('finds the nearest step by binary search', () => {
    const xs = [1, 2, 4, 8];
    expect(lowerBound(xs, 3)).toBe(2);
    expect(nearestIndex(xs, 3.1)).toBe(2);
    expect(nearestIndex(xs, 2.9)).toBe(1);
    expect(nearestIndex(xs, 100)).toBe(3);
    expect(nearestIndex([], 1)).toBe(-1);
  });

  it('labels a log axis at 1-2-5 steps within each decade', () => {
    const c = curve([540, 300, 160, 140]);
    const y = buildLossGeometry([c], frame, 'step', 'log', null).y;
    const ticks = yTickValues(y, 'log', 260);
    expect(ticks).toEqual(expect.arrayContaining([200, 500]));
    expect(visibleYDomain([c], 'step', [1, 4], 'log')[0]).toBeLessThan(140);
  });
});

describe('layoutLegend', () => {
  it('puts entries side by side without overlap while they fit', () => {
    const { slots, rows } = layoutLegend(['energy', 'reconstruction', 'test, per epoch'], 1000);
    expect(rows).toBe(1);
    expect(slots.map((s) => s.y)).toEqual([0, 0, 0]);
    // each entry starts after the previous one's estimated width (swatch + label + gap)
    expect(slots[1]!.x).toBeGreaterThanOrEqual(30 + 'energy'.length * 8);
    expect(slots[2]!.x - slots[1]!.x).toBeGreaterThanOrEqual(30 + 'reconstruction'.length * 8);
  });

  it('wraps to a new row when the plot is too narrow, and says how many rows it used', () => {
    const { slots, rows } = layoutLegend(['ISTA', 'FISTA', 'O(1/k)', 'O(1/k²)'], 250);
    expect(rows).toBe(2);
    expect(slots[0]).toEqual({ x: 0, y: 0 });
    const second = slots.findIndex((s) => s.y > 0);
    expect(slots[second]).toEqual({ x: 0, y: 22 });
    expect(layoutLegend([], 250).rows).toBe(0);
  });
});

describe('axis helpers (ChartAxes)', () => {
  it('places the plot area inside the margins', () => {
    expect(plotBox(600, 300, { top: 10, right: 20, bottom: 40, left: 50 })).toEqual({
      left: 50,
      top: 10,
      right: 580,
      bottom: 260,
    });
  });

  it('places and labels round ticks of a scale, plainly or as shares', () => {
    const y = scaleLinear().domain([0, 1]).range([200, 0]);
    expect(axisTicks(y, 2)).toEqual([
      { value: 0, pos: 200, label: '0' },
      { value: 0.5, pos: 100, label: '0.5' },
      { value: 1, pos: 0, label: '1' },
    ]);
    expect(axisTicks(y, 2, percentLabel).map((t) => t.label)).toEqual(['0 %', '50 %', '100 %']);
    expect(percentLabel(0.254)).toBe('25 %');
  });
});
