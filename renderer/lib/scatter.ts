/**
 * Geometry of the latent scatter: the plane the test set's codes span, the scales from
 * latent coordinates to canvas pixels (equal units on both axes, so a circle in z is a circle
 * on screen), hit-testing a point and the axis names (z₁/z₂ for d = 2, PC1/PC2 for d > 2).
 */
import { scaleLinear, type ScaleLinear } from 'd3';
import type { Box } from './chart.js';

export interface Extent {
  readonly xMin: number;
  readonly xMax: number;
  readonly yMin: number;
  readonly yMax: number;
}

/**
 * The rectangle holding the central 99 % of the points ([n, 2] row-major) with a margin,
 * so that a few outliers do not squash the rest. Always at least ±1 around the centre.
 */
export function scatterExtent(points: Float32Array, margin = 0.1): Extent {
  const n = Math.floor(points.length / 2);
  if (n === 0) return { xMin: -3, xMax: 3, yMin: -3, yMax: 3 };
  const xs = new Float32Array(n);
  const ys = new Float32Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) {
    const x = points[2 * i]!;
    const y = points[2 * i + 1]!;
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    xs[m] = x;
    ys[m] = y;
    m++;
  }
  if (m === 0) return { xMin: -3, xMax: 3, yMin: -3, yMax: 3 };
  const [x0, x1] = quantileRange(xs.subarray(0, m), 0.005, 0.995);
  const [y0, y1] = quantileRange(ys.subarray(0, m), 0.005, 0.995);
  const widen = (lo: number, hi: number): [number, number] => {
    const mid = (lo + hi) / 2;
    const half = Math.max(1, ((hi - lo) / 2) * (1 + 2 * margin));
    return [mid - half, mid + half];
  };
  const [xMin, xMax] = widen(x0, x1);
  const [yMin, yMax] = widen(y0, y1);
  return { xMin, xMax, yMin, yMax };
}

function quantileRange(values: Float32Array, lo: number, hi: number): [number, number] {
  const sorted = Float32Array.from(values).sort();
  const at = (q: number): number =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))]!;
  return [at(lo), at(hi)];
}

export interface PlaneScales {
  readonly x: ScaleLinear<number, number>;
  readonly y: ScaleLinear<number, number>;
}

/**
 * Scales from latent coordinates to the pixels of a box, with one latent unit the same
 * length on both axes (a circle in z stays a circle); the extent grows along the roomier side.
 */
export function planeScales(extent: Extent, box: Box): PlaneScales {
  const w = Math.max(1, box.right - box.left);
  const h = Math.max(1, box.bottom - box.top);
  const ex = extent.xMax - extent.xMin || 1;
  const ey = extent.yMax - extent.yMin || 1;
  const unit = Math.min(w / ex, h / ey); // pixels per latent unit
  const cx = (extent.xMin + extent.xMax) / 2;
  const cy = (extent.yMin + extent.yMax) / 2;
  const halfX = w / unit / 2;
  const halfY = h / unit / 2;
  return {
    x: scaleLinear()
      .domain([cx - halfX, cx + halfX])
      .range([box.left, box.right]),
    y: scaleLinear()
      .domain([cy - halfY, cy + halfY])
      .range([box.bottom, box.top]),
  };
}

/** Index of the point nearest to pixel (px, py) within `maxPixels`, or -1. */
export function pickPoint(
  points: Float32Array,
  scales: PlaneScales,
  px: number,
  py: number,
  maxPixels: number,
): number {
  let best = -1;
  let bestD2 = maxPixels * maxPixels;
  const n = Math.floor(points.length / 2);
  for (let i = 0; i < n; i++) {
    const dx = scales.x(points[2 * i]!) - px;
    const dy = scales.y(points[2 * i + 1]!) - py;
    const d2 = dx * dx + dy * dy;
    if (d2 <= bestD2) {
      bestD2 = d2;
      best = i;
    }
  }
  return best;
}

/** Index of the first point with the given label, or -1. */
export function firstWithLabel(labels: Uint8Array, label: number): number {
  return labels.indexOf(label);
}

export function axisNames(latentDim: number): [string, string] {
  return latentDim > 2 ? ['PC1 of μ', 'PC2 of μ'] : ['z₁', 'z₂'];
}
