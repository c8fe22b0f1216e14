/**
 * Geometry of an energy landscape picture, as pure functions: the colour scale (viridis over
 * a robust range, so a few huge values far from the data do not wash the picture out), the
 * heatmap's pixels, contour lines (d3-contour) as SVG paths, points and DAE arrows mapped from
 * the plane to pixels, axis ticks, and a standalone SVG of the whole for export.
 */
import { contours, geoPath, geoTransform, interpolateViridis, scaleLinear, type ScaleLinear } from 'd3';
import type { ArraysEvent } from '../../../protocol/messages.js';
import { decimal, t } from '../../lib/i18n/translate.js';

export interface Extent {
  readonly xMin: number;
  readonly xMax: number;
  readonly yMin: number;
  readonly yMax: number;
}

export interface Landscape {
  readonly step: number;
  readonly size: number;
  readonly energy: Float32Array;
  readonly data: Float32Array;
  readonly samples: Float32Array | null;
  readonly field: Float32Array | null;
  readonly fieldSize: number;
  readonly extent: Extent;
  readonly method: string;
}

/** The landscape carried by an arrays event 'landscape', or null when it is not one. */
export function readLandscape(event: ArraysEvent | null | undefined): Landscape | null {
  if (!event || event.view !== 'landscape') return null;
  const energy = event.arrays.energy;
  const data = event.arrays.data;
  const info = event.info ?? {};
  if (!(energy instanceof Float32Array) || !(data instanceof Float32Array)) return null;
  const size = event.shapes.energy?.[0] ?? Math.round(Math.sqrt(energy.length));
  const samples = event.arrays.samples instanceof Float32Array ? event.arrays.samples : null;
  const field = event.arrays.field instanceof Float32Array ? event.arrays.field : null;
  return {
    step: event.step,
    size,
    energy,
    data,
    samples,
    field,
    fieldSize: event.shapes.field?.[0] ?? 0,
    extent: {
      xMin: Number(info.xMin),
      xMax: Number(info.xMax),
      yMin: Number(info.yMin),
      yMax: Number(info.yMax),
    },
    method: String(info.method ?? ''),
  };
}

/** The q-quantile of the finite values (0 ≤ q ≤ 1). */
export function quantile(values: Float32Array, q: number): number {
  const finite = Array.from(values)
    .filter(Number.isFinite)
    .sort((a, b) => a - b);
  if (finite.length === 0) return 0;
  const at = Math.min(finite.length - 1, Math.max(0, Math.round(q * (finite.length - 1))));
  return finite[at] as number;
}

/**
 * What the picture colours: the energy itself, or — for the latent EBMs, whose energy spans
 * decades between the data and the rest of the plane — its log₁₀, floored at 10⁻⁴ of the 90th
 * percentile. Colour domains, contours and the heatmap are then taken on these values.
 */
export function shownEnergy(land: Landscape): { values: Float32Array; log: boolean } {
  if (land.method !== 'latent' && land.method !== 'conditional') return { values: land.energy, log: false };
  const floor = Math.max(quantile(land.energy, 0.9) * 1e-4, 1e-12);
  const values = Float32Array.from(land.energy, (v) =>
    Number.isFinite(v) ? Math.log10(Math.max(v, floor)) : v,
  );
  return { values, log: true };
}

/** A legend value back in energy units (10^v on a log scale). */
export const legendValue = (v: number, log: boolean): number => (log ? 10 ** v : v);

/** The colour range: the minimum to the 90th percentile (values above are drawn as the top colour). */
export function colourDomain(energy: Float32Array): [number, number] {
  const lo = quantile(energy, 0);
  let hi = quantile(energy, 0.9);
  if (!(hi > lo)) hi = lo + 1e-6;
  return [lo, hi];
}

export function colourOf(value: number, [lo, hi]: readonly [number, number]): string {
  const t = Math.min(1, Math.max(0, (value - lo) / (hi - lo)));
  return interpolateViridis(t);
}

/** RGBA bytes of the heatmap, one pixel per grid cell, row 0 at the top. */
export function heatmapPixels(energy: Float32Array, domain: readonly [number, number]): Uint8ClampedArray {
  const lut = Array.from({ length: 256 }, (_, i) => rgbOf(interpolateViridis(i / 255)));
  const out = new Uint8ClampedArray(energy.length * 4);
  const [lo, hi] = domain;
  for (let i = 0; i < energy.length; i++) {
    const v = energy[i] as number;
    const t = Number.isFinite(v) ? Math.min(1, Math.max(0, (v - lo) / (hi - lo))) : 1;
    const [r, g, b] = lut[Math.round(t * 255)] as [number, number, number];
    out.set([r, g, b, 255], 4 * i);
  }
  return out;
}

function rgbOf(colour: string): [number, number, number] {
  const m = /rgb\((\d+),\s*(\d+),\s*(\d+)\)/.exec(colour);
  if (m) return [Number(m[1]), Number(m[2]), Number(m[3])];
  const hex = /^#?([0-9a-f]{6})$/i.exec(colour);
  const v = hex ? Number.parseInt(hex[1]!, 16) : 0x808080;
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
}

/** `count` contour lines evenly spaced over the colour domain, as SVG paths in a `px`-wide square. */
export function contourPaths(
  energy: Float32Array,
  size: number,
  domain: readonly [number, number],
  px: number,
  count = 10,
): { value: number; d: string }[] {
  const [lo, hi] = domain;
  const thresholds = Array.from({ length: count }, (_, i) => lo + ((i + 0.5) * (hi - lo)) / count);
  const k = px / size;
  const path = geoPath(
    geoTransform({
      point(x, y) {
        this.stream.point(x * k, y * k);
      },
    }),
  );
  const cap = hi + 10 * (hi - lo) + 1; // outliers capped (also for log values, which may be < 0)
  const clean = Float64Array.from(energy, (v) => (Number.isFinite(v) ? Math.min(v, cap) : hi));
  return contours()
    .size([size, size])
    .thresholds(thresholds)(Array.from(clean))
    .map((c) => ({ value: c.value, d: path(c) ?? '' }));
}

export interface PlaneScales {
  readonly x: ScaleLinear<number, number>;
  readonly y: ScaleLinear<number, number>;
}

/** Plane → pixels of a `px`-wide square (y up). */
export function planeScales(extent: Extent, px: number): PlaneScales {
  return {
    x: scaleLinear().domain([extent.xMin, extent.xMax]).range([0, px]),
    y: scaleLinear().domain([extent.yMin, extent.yMax]).range([px, 0]),
  };
}

/** DAE arrows: from each cell centre y to g(y), in pixels. */
export function fieldArrows(
  land: Landscape,
  scales: PlaneScales,
  every = 1,
): { x1: number; y1: number; x2: number; y2: number }[] {
  if (!land.field || land.fieldSize === 0) return [];
  const n = land.fieldSize;
  const { xMin, xMax, yMin, yMax } = land.extent;
  const out = [];
  for (let row = 0; row < n; row += every) {
    const y = yMax - ((row + 0.5) * (yMax - yMin)) / n;
    for (let col = 0; col < n; col += every) {
      const x = xMin + ((col + 0.5) * (xMax - xMin)) / n;
      const i = 2 * (row * n + col);
      out.push({
        x1: scales.x(x),
        y1: scales.y(y),
        x2: scales.x(land.field[i] as number),
        y2: scales.y(land.field[i + 1] as number),
      });
    }
  }
  return out;
}

/** Positions between two snapshots of the same particles (t ∈ [0, 1]); `to` when the counts differ. */
export function tween(from: Float32Array | null, to: Float32Array, t: number): Float32Array {
  if (!from || from.length !== to.length) return to;
  const out = new Float32Array(to.length);
  for (let i = 0; i < to.length; i++)
    out[i] = (from[i] as number) + ((to[i] as number) - (from[i] as number)) * t;
  return out;
}

/** A colour-scale value as the legend writes it, with the language's decimal separator. */
export const legendNumber = (v: number): string =>
  decimal(
    Math.abs(v) >= 100 ? v.toFixed(0) : v !== 0 && Math.abs(v) < 1e-3 ? v.toExponential(1) : v.toPrecision(3),
  );

/**
 * A standalone SVG of the landscape: the heatmap as an embedded PNG, contours, DAE arrows,
 * data and particles, axes and a colour legend. `heatmapPng` is a data: URL of the heatmap.
 */
export function landscapeSvg(
  land: Landscape,
  heatmapPng: string,
  options: { title: string; px?: number; dark?: boolean },
): string {
  const px = options.px ?? 480;
  const m = { left: 56, top: 34, right: 110, bottom: 48 };
  const [w, h] = [m.left + px + m.right, m.top + px + m.bottom];
  const ink = options.dark ? '#f1f3f6' : '#111418';
  const paper = options.dark ? '#161a20' : '#ffffff';
  const shown = shownEnergy(land);
  const domain = colourDomain(shown.values);
  const scales = planeScales(land.extent, px);
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" font-family="sans-serif">`,
    `<rect width="${w}" height="${h}" fill="${paper}"/>`,
    `<text x="${m.left}" y="22" fill="${ink}" font-size="16" font-weight="700">${escapeXml(options.title)}</text>`,
    `<g transform="translate(${m.left} ${m.top})">`,
    `<image href="${heatmapPng}" width="${px}" height="${px}" preserveAspectRatio="none" style="image-rendering:pixelated"/>`,
  );
  for (const c of contourPaths(shown.values, land.size, domain, px))
    parts.push(`<path d="${c.d}" fill="none" stroke="#ffffff" stroke-opacity="0.45" stroke-width="1"/>`);
  for (const a of fieldArrows(land, scales, 2))
    parts.push(
      `<line x1="${a.x1.toFixed(1)}" y1="${a.y1.toFixed(1)}" x2="${a.x2.toFixed(1)}" y2="${a.y2.toFixed(1)}" stroke="#40e0ff" stroke-opacity="0.9" stroke-width="1.2"/>`,
    );
  for (let i = 0; i < land.data.length; i += 2)
    parts.push(
      `<circle cx="${scales.x(land.data[i]!).toFixed(1)}" cy="${scales.y(land.data[i + 1]!).toFixed(1)}" r="2" fill="#ffffff" stroke="#000000" stroke-width="0.5"/>`,
    );
  if (land.samples)
    for (let i = 0; i < land.samples.length; i += 2)
      parts.push(
        `<circle cx="${scales.x(land.samples[i]!).toFixed(1)}" cy="${scales.y(land.samples[i + 1]!).toFixed(1)}" r="2.6" fill="#ff5a36" stroke="#000000" stroke-width="0.5"/>`,
      );
  parts.push(`<rect width="${px}" height="${px}" fill="none" stroke="${ink}"/>`);
  for (const tick of scales.x.ticks(6))
    parts.push(
      `<text x="${scales.x(tick).toFixed(1)}" y="${px + 18}" text-anchor="middle" fill="${ink}" font-size="12">${decimal(String(tick))}</text>`,
    );
  for (const tick of scales.y.ticks(6))
    parts.push(
      `<text x="-6" y="${(scales.y(tick) + 4).toFixed(1)}" text-anchor="end" fill="${ink}" font-size="12">${decimal(String(tick))}</text>`,
    );
  parts.push(
    `<text x="${px / 2}" y="${px + 38}" text-anchor="middle" fill="${ink}" font-size="13">y₁</text>`,
    `<text transform="translate(-40 ${px / 2}) rotate(-90)" text-anchor="middle" fill="${ink}" font-size="13">y₂</text>`,
  );
  const lx = px + 24;
  for (let i = 0; i < 32; i++) {
    const t = 1 - i / 31;
    parts.push(
      `<rect x="${lx}" y="${(i * px) / 32}" width="16" height="${px / 32 + 0.5}" fill="${interpolateViridis(t)}"/>`,
    );
  }
  parts.push(
    `<text x="${lx + 22}" y="10" fill="${ink}" font-size="12">≥ ${legendNumber(legendValue(domain[1], shown.log))}</text>`,
    `<text x="${lx + 22}" y="${px}" fill="${ink}" font-size="12">${legendNumber(legendValue(domain[0], shown.log))}</text>`,
    `<text transform="translate(${lx + 40} ${px / 2}) rotate(90)" text-anchor="middle" fill="${ink}" font-size="12">${escapeXml(shown.log ? t('energy.landscape.energyLog') : t('energy.landscape.energy'))}</text>`,
    '</g></svg>',
  );
  return parts.join('\n');
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c] ?? c);
}
