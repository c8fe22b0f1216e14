/**
 * The convolutional sparse-coding lab's kernel pictures, the same on screen, in the PNG and in
 * the SVG (pure TypeScript: trainer exports, CLI, renderer canvas and save buttons):
 *
 *   n = 1   [encoder E₁]            [decoder K₁]
 *   n = 2   [E₁ E₂]                 [K₁ K₂]
 *   …
 *   n = 64  [E₁ … E₈]               [K₁ … K₈]      (a model's kernels wrap after `perLine`)
 *           [E₉ … ]                 [K₉ … ]
 *
 * One row per model (the lecture's filter sweep; a single model is one row), encoder kernels
 * on the left and decoder kernels on the right. Each kernel is contrast-normalised on its own
 * (models/conv/kernel-picture.ts: 0 stays mid-grey, the extreme goes to black or white).
 * Labels are drawn in a stroke font (protocol/stroke-font.ts), anti-aliased and crisp at any
 * size, so that the PNG carries them too; the SVG uses text. kernelPanelPrintOptions scales the
 * whole picture (kernel pixels, gaps, letters) so that an exported PNG is large enough to print.
 */
import { kernelGreys } from '../../models/conv/kernel-picture.js';
import { printMultiple } from '../filter-picture.js';
import { drawStrokeText, strokeTextWidth } from '../stroke-font.js';

/** One model's kernels: `count` k×k kernels each, kernel after kernel ([count, k, k]). */
export interface KernelRow {
  readonly label: string;
  readonly count: number;
  readonly encoder: Float32Array;
  readonly decoder: Float32Array;
}

export interface KernelPanelOptions {
  /** Picture pixels per kernel pixel; default 4. */
  readonly scale?: number;
  /** Pixels between cells; default 2. */
  readonly gap?: number;
  /** Cells per line in each panel before a model's kernels wrap; default 8. */
  readonly perLine?: number;
  /** Grey of the background; default 255. */
  readonly background?: number;
  /** Grey of the labels; default 0. */
  readonly ink?: number;
  /** Letter size in fifths: the tallest letters are 5 × fontScale px; default 3 (15 px letters). */
  readonly fontScale?: number;
  /** Draw the labels into the picture (default); false when the screen draws them as text over it. */
  readonly labels?: boolean;
  /** The panels' headings in the window's language; default 'encoder' and 'decoder' (the trainer's exports). */
  readonly headings?: { readonly encoder: string; readonly decoder: string };
}

export interface KernelCell {
  readonly x: number;
  readonly y: number;
  readonly row: number;
  readonly panel: 'encoder' | 'decoder';
  readonly index: number;
}

export interface KernelPanelLayout {
  readonly width: number;
  readonly height: number;
  readonly cell: number;
  readonly cells: readonly KernelCell[];
  /** Text at its top-left corner (font pixels of `fontScale`): the panels' headings, then each row's n. */
  readonly labels: readonly { readonly x: number; readonly y: number; readonly text: string }[];
  readonly fontScale: number;
}

/** Height of the tallest letters, in font units (fontScale pixels). */
const TEXT_HEIGHT = 5;

/** Width in pixels of a label whose tallest letters are 5 × fontScale px. */
export function textWidth(text: string, fontScale: number): number {
  return strokeTextWidth(text, TEXT_HEIGHT * fontScale);
}

function options(o: KernelPanelOptions): Required<KernelPanelOptions> {
  return {
    scale: o.scale ?? 4,
    gap: o.gap ?? 2,
    perLine: o.perLine ?? 8,
    background: o.background ?? 255,
    ink: o.ink ?? 0,
    fontScale: o.fontScale ?? 3,
    labels: o.labels ?? true,
    headings: o.headings ?? { encoder: 'encoder', decoder: 'decoder' },
  };
}

/** Where every kernel and label goes. */
export function kernelPanelLayout(
  rows: readonly Pick<KernelRow, 'label' | 'count'>[],
  k: number,
  o: KernelPanelOptions = {},
): KernelPanelLayout {
  const { scale, gap, perLine, fontScale, headings } = options(o);
  const cell = k * scale;
  const pitch = cell + gap;
  const columns = Math.max(1, Math.min(perLine, Math.max(1, ...rows.map((r) => r.count))));
  const labelWidth = Math.max(
    textWidth('n = 64', fontScale),
    ...rows.map((r) => textWidth(r.label, fontScale)),
  );
  const margin = 3 * gap + 2 * fontScale;
  const panelWidth = Math.max(
    columns * pitch - gap,
    textWidth(headings.encoder, fontScale),
    textWidth(headings.decoder, fontScale),
  );
  const encoderX = margin + labelWidth + margin;
  const decoderX = encoderX + panelWidth + 2 * margin;
  const headerHeight = TEXT_HEIGHT * fontScale + margin;
  const cells: KernelCell[] = [];
  const labels: { x: number; y: number; text: string }[] = [
    { x: encoderX, y: margin, text: headings.encoder },
    { x: decoderX, y: margin, text: headings.decoder },
  ];
  let y = margin + headerHeight;
  rows.forEach((row, r) => {
    const lines = Math.max(1, Math.ceil(row.count / columns));
    labels.push({
      x: margin,
      y: y + Math.max(0, Math.round((cell - TEXT_HEIGHT * fontScale) / 2)),
      text: row.label,
    });
    for (let i = 0; i < row.count; i++) {
      const dx = (i % columns) * pitch;
      const dy = Math.floor(i / columns) * pitch;
      cells.push({ x: encoderX + dx, y: y + dy, row: r, panel: 'encoder', index: i });
      cells.push({ x: decoderX + dx, y: y + dy, row: r, panel: 'decoder', index: i });
    }
    y += lines * pitch + 2 * gap;
  });
  return {
    width: decoderX + panelWidth + margin,
    height: y + margin - 2 * gap,
    cell,
    cells,
    labels,
    fontScale,
  };
}

export interface GreyPicture {
  readonly width: number;
  readonly height: number;
  /** [height, width] row-major, 0 = black, 255 = white. */
  readonly pixels: Uint8Array;
}

function kernelOf(row: KernelRow, panel: 'encoder' | 'decoder', i: number, k: number): Float32Array {
  const values = panel === 'encoder' ? row.encoder : row.decoder;
  return values.subarray(i * k * k, (i + 1) * k * k);
}

function checkRows(rows: readonly KernelRow[], k: number): void {
  rows.forEach((row) => {
    for (const panel of ['encoder', 'decoder'] as const) {
      const values = panel === 'encoder' ? row.encoder : row.decoder;
      if (values.length !== row.count * k * k)
        throw new Error(
          `${row.label}: ${row.count} ${panel} kernels of ${k}×${k} need ${row.count * k * k} values, got ${values.length}.`,
        );
    }
  });
}

/** The rows as one grey picture with labels. */
export function kernelPanelPicture(
  rows: readonly KernelRow[],
  k: number,
  o: KernelPanelOptions = {},
): GreyPicture {
  checkRows(rows, k);
  const opts = options(o);
  const layout = kernelPanelLayout(rows, k, o);
  const { width, height, cell } = layout;
  const pixels = new Uint8Array(width * height).fill(opts.background);
  for (const c of layout.cells) {
    const greys = kernelGreys(kernelOf(rows[c.row] as KernelRow, c.panel, c.index, k));
    for (let y = 0; y < cell; y++) {
      const from = Math.floor(y / opts.scale) * k;
      for (let x = 0; x < cell; x++)
        pixels[(c.y + y) * width + c.x + x] = greys[from + Math.floor(x / opts.scale)] as number;
    }
  }
  if (opts.labels)
    for (const label of layout.labels)
      drawStrokeText(pixels, width, label.x, label.y, label.text, TEXT_HEIGHT * layout.fontScale, opts.ink);
  return { width, height, pixels };
}

/**
 * The options of a printable picture of these rows: scale, gaps and letters `m` times the
 * screen's, `m` the smallest whole number that makes the long side at least `minLong` pixels.
 */
export function kernelPanelPrintOptions(
  rows: readonly Pick<KernelRow, 'label' | 'count'>[],
  k: number,
  o: KernelPanelOptions = {},
  minLong?: number,
): KernelPanelOptions {
  const base = options(o);
  const scaled = (m: number): KernelPanelOptions => ({
    ...o,
    scale: base.scale * m,
    gap: base.gap * m,
    fontScale: base.fontScale * m,
  });
  const m = printMultiple((m) => {
    const { width, height } = kernelPanelLayout(rows, k, scaled(m));
    return Math.max(width, height);
  }, minLong);
  return scaled(m);
}

const hex = (g: number): string => g.toString(16).padStart(2, '0').repeat(3);

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The rows as a standalone SVG of the same size and layout: one <g> per kernel of
 * `scale`-sized squares (pixel-exact at any zoom), real text for the labels.
 */
export function kernelPanelSvg(
  rows: readonly KernelRow[],
  k: number,
  o: KernelPanelOptions & { readonly title?: string } = {},
): string {
  checkRows(rows, k);
  const opts = options(o);
  const layout = kernelPanelLayout(rows, k, o);
  const s = opts.scale;
  const fontSize = TEXT_HEIGHT * layout.fontScale * 1.3;
  const lines = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${layout.width}" height="${layout.height}" viewBox="0 0 ${layout.width} ${layout.height}" shape-rendering="crispEdges">`,
    `<title>${escapeXml(o.title ?? 'Convolutional sparse coding kernels')}</title>`,
    `<rect width="${layout.width}" height="${layout.height}" fill="#${hex(opts.background)}"/>`,
  ];
  for (const label of layout.labels)
    lines.push(
      `<text x="${label.x}" y="${label.y + TEXT_HEIGHT * layout.fontScale}" font-family="sans-serif" font-size="${fontSize.toFixed(1)}" fill="#${hex(opts.ink)}">${escapeXml(label.text)}</text>`,
    );
  for (const c of layout.cells) {
    const row = rows[c.row] as KernelRow;
    const greys = kernelGreys(kernelOf(row, c.panel, c.index, k));
    const squares: string[] = [];
    for (let p = 0; p < k * k; p++)
      squares.push(
        `<rect x="${(p % k) * s}" y="${Math.floor(p / k) * s}" width="${s}" height="${s}" fill="#${hex(greys[p] as number)}"/>`,
      );
    lines.push(
      `<g transform="translate(${c.x} ${c.y})"><title>${escapeXml(`${row.label}: ${c.panel} kernel ${c.index + 1}`)}</title>${squares.join('')}</g>`,
    );
  }
  lines.push('</svg>');
  return `${lines.join('\n')}\n`;
}
