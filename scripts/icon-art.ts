/**
 * The app's icon, drawn by code: the contour lines of an energy landscape with two wells (the
 * energy of a two-component Gaussian mixture, E = −log p), lighter towards the low energy, and
 * a sample resting in the deeper well, on a rounded square in the lab's blue. The small
 * variant (16–32 px) keeps fewer, thicker lines so that it still reads as contours there.
 * Also the two icon containers electron-builder accepts ready-made, both holding PNGs:
 * Windows' .ico (PNG entries, Windows Vista and later) and macOS's .icns.
 */
import { contours, geoPath } from 'd3';

export type IconDetail = 'full' | 'small';

/** The PNG sizes rendered (Linux's icon set: assets/icons/<n>x<n>.png). */
export const iconSizes = [16, 24, 32, 48, 64, 128, 256, 512, 1024] as const;
/** Sizes drawn from the small variant. */
export const smallUpTo = 32;
/** The sizes .ico holds (256 is its largest). */
export const icoSizes = [16, 24, 32, 48, 64, 128, 256] as const;
/** .icns element types and the PNG size each holds. */
export const icnsTypes = [
  ['icp4', 16],
  ['icp5', 32],
  ['icp6', 64],
  ['ic07', 128],
  ['ic08', 256],
  ['ic09', 512],
  ['ic10', 1024],
  ['ic11', 32],
  ['ic12', 64],
  ['ic13', 256],
  ['ic14', 512],
] as const;

const VIEW = 1024;
const GRID = 128;

/** The wells: centre (in [0, 1]²), spread and weight. */
const wells = [
  { x: 0.36, y: 0.6, sx: 0.13, sy: 0.11, w: 0.62 },
  { x: 0.66, y: 0.38, sx: 0.11, sy: 0.13, w: 0.38 },
] as const;

function energy(x: number, y: number): number {
  let p = 1e-9;
  for (const well of wells) {
    const dx = (x - well.x) / well.sx;
    const dy = (y - well.y) / well.sy;
    p += (well.w / (well.sx * well.sy)) * Math.exp(-0.5 * (dx * dx + dy * dy));
  }
  return -Math.log(p);
}

const round = (value: number): string => String(Math.round(value * 10) / 10);

/** The icon as SVG text (1024 × 1024 view box). */
export function iconSvg(detail: IconDetail): string {
  const values = new Float64Array(GRID * GRID);
  for (let j = 0; j < GRID; j++) {
    for (let i = 0; i < GRID; i++) values[j * GRID + i] = energy((i + 0.5) / GRID, (j + 0.5) / GRID);
  }
  const low = Math.min(...values);
  const levels = detail === 'full' ? [0.5, 1.2, 2, 2.9, 3.9, 5, 6.2] : [0.8, 2.2, 3.9];
  const width = detail === 'full' ? 22 : 54;
  const scale = VIEW / GRID;
  const path = geoPath();
  const lines = contours()
    .size([GRID, GRID])
    .thresholds(levels.map((level) => low + level))(Array.from(values))
    .map((contour, k) => {
      const d = (path(contour) ?? '').replace(/-?\d+(?:\.\d+)?/g, (n) => round(Number(n) * scale));
      // Low energy: white; higher: the lab's light blue, fading out towards the edge.
      const t = k / Math.max(1, levels.length - 1);
      const opacity = round(1 - 0.62 * t);
      const colour = t < 0.25 ? '#ffffff' : '#9fd0ff';
      return `<path d="${d}" fill="none" stroke="${colour}" stroke-opacity="${opacity}" stroke-width="${width}" stroke-linejoin="round"/>`;
    });
  const deep = wells[0];
  const ball = detail === 'full' ? 58 : 120;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${VIEW} ${VIEW}" width="${VIEW}" height="${VIEW}">`,
    '<defs>',
    '<linearGradient id="bg" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#1467c0"/><stop offset="1" stop-color="#062a52"/></linearGradient>',
    '<clipPath id="tile"><rect x="64" y="64" width="896" height="896" rx="200"/></clipPath>',
    '</defs>',
    '<rect x="64" y="64" width="896" height="896" rx="200" fill="url(#bg)"/>',
    `<g clip-path="url(#tile)">${lines.join('')}</g>`,
    `<circle cx="${round(deep.x * VIEW)}" cy="${round(deep.y * VIEW)}" r="${ball}" fill="#ffb547" stroke="#062a52" stroke-width="${round(ball / 4)}"/>`,
    '</svg>',
    '',
  ].join('\n');
}

/** Windows' icon container: ICONDIR, one ICONDIRENTRY per image, then the PNGs. */
export function encodeIco(
  images: readonly { readonly size: number; readonly png: Uint8Array }[],
): Uint8Array {
  const header = 6 + 16 * images.length;
  const total = header + images.reduce((sum, image) => sum + image.png.length, 0);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  view.setUint16(2, 1, true); // type: icon
  view.setUint16(4, images.length, true);
  let offset = header;
  images.forEach((image, i) => {
    const entry = 6 + 16 * i;
    out[entry] = image.size >= 256 ? 0 : image.size; // 0 means 256
    out[entry + 1] = image.size >= 256 ? 0 : image.size;
    view.setUint16(entry + 4, 1, true); // colour planes
    view.setUint16(entry + 6, 32, true); // bits per pixel
    view.setUint32(entry + 8, image.png.length, true);
    view.setUint32(entry + 12, offset, true);
    out.set(image.png, offset);
    offset += image.png.length;
  });
  return out;
}

/** macOS's icon container: 'icns', its length, then (type, length, PNG) elements; big-endian. */
export function encodeIcns(
  elements: readonly { readonly type: string; readonly png: Uint8Array }[],
): Uint8Array {
  const total = 8 + elements.reduce((sum, element) => sum + 8 + element.png.length, 0);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  const ascii = (text: string, at: number) => {
    for (let i = 0; i < 4; i++) out[at + i] = text.charCodeAt(i);
  };
  ascii('icns', 0);
  view.setUint32(4, total);
  let offset = 8;
  for (const element of elements) {
    ascii(element.type, offset);
    view.setUint32(offset + 4, 8 + element.png.length);
    out.set(element.png, offset + 8);
    offset += 8 + element.png.length;
  }
  return out;
}
