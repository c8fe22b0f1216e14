import { describe, expect, it } from 'vitest';
import {
  kernelPanelLayout,
  kernelPanelPicture,
  kernelPanelSvg,
  type KernelRow,
} from '../../../protocol/conv/picture.js';

const k = 3;
function row(count: number): KernelRow {
  const values = (sign: number) =>
    Float32Array.from({ length: count * k * k }, (_, i) => sign * ((i % (k * k)) - 4));
  return { label: `n = ${count}`, count, encoder: values(1), decoder: values(-1) };
}

describe('kernel panels (the sweep picture)', () => {
  it('puts encoder and decoder cells side by side, wrapping a model after perLine kernels', () => {
    const layout = kernelPanelLayout([row(1), row(2), row(4)], k, { scale: 2, gap: 1, perLine: 2 });
    const encoder = layout.cells.filter((c) => c.panel === 'encoder');
    const decoder = layout.cells.filter((c) => c.panel === 'decoder');
    expect(encoder).toHaveLength(7);
    expect(decoder).toHaveLength(7);
    decoder.forEach((d, i) => {
      expect(d.y).toBe(encoder[i]!.y);
      expect(d.x).toBeGreaterThan(encoder[i]!.x);
    });
    const four = encoder.filter((c) => c.row === 2);
    expect(new Set(four.map((c) => c.y)).size).toBe(2); // 4 kernels, 2 per line
    expect(layout.labels.map((l) => l.text)).toEqual(['encoder', 'decoder', 'n = 1', 'n = 2', 'n = 4']);
    expect(layout.labels.every((l) => Number.isInteger(l.x) && Number.isInteger(l.y))).toBe(true);
  });

  it('draws each kernel contrast-normalised (its extremes black and white) and the labels in ink', () => {
    const rows = [row(1)];
    const picture = kernelPanelPicture(rows, k, { scale: 1, gap: 1 });
    const layout = kernelPanelLayout(rows, k, { scale: 1, gap: 1 });
    const cell = layout.cells[0]!;
    const at = (x: number, y: number) => picture.pixels[(cell.y + y) * picture.width + cell.x + x];
    expect([at(0, 0), at(1, 1), at(2, 2)]).toEqual([1, 128, 255]); // −4, 0, +4 → black, grey, white
    const label = layout.labels[2]!;
    let ink = 0;
    for (let y = label.y; y < label.y + 15; y++)
      for (let x = label.x; x < label.x + 60; x++) if (picture.pixels[y * picture.width + x] === 0) ink++;
    expect(ink).toBeGreaterThan(20);
  });

  it('writes an SVG of the same size with one group per kernel and text labels', () => {
    const rows = [row(1), row(2)];
    const svg = kernelPanelSvg(rows, k, { title: 'A & B' });
    const { width, height } = kernelPanelLayout(rows, k);
    expect(svg).toContain(`width="${width}" height="${height}"`);
    expect(svg.match(/<g transform=/g)).toHaveLength(6);
    expect(svg).toContain('<title>A &#38; B</title>');
    expect(svg).toContain('>n = 2</text>');
  });

  it('names a row whose kernels have the wrong size', () => {
    expect(() => kernelPanelPicture([{ ...row(2), decoder: new Float32Array(5) }], k)).toThrow(
      /n = 2: 2 decoder kernels of 3×3 need 18 values, got 5/,
    );
  });
});
