import { describe, expect, it } from 'vitest';
import {
  kernelPanelLayout,
  kernelPanelPicture,
  kernelPanelPrintOptions,
  kernelPanelSvg,
  textWidth,
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

  it('heads the panels in the window’s words, each panel wide enough for its heading', () => {
    const headings = { encoder: 'codificatore', decoder: 'decodificatore' };
    const english = kernelPanelLayout([row(1)], k);
    const italian = kernelPanelLayout([row(1)], k, { headings });
    expect(italian.labels.slice(0, 2).map((l) => l.text)).toEqual(['codificatore', 'decodificatore']);
    const [encoder, decoder] = italian.labels;
    expect(decoder!.x - encoder!.x).toBeGreaterThan(textWidth('codificatore', italian.fontScale));
    expect(italian.width - decoder!.x).toBeGreaterThan(textWidth('decodificatore', italian.fontScale));
    expect(italian.width).toBeGreaterThan(english.width);
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

  it('exports a printable picture: one model of one 9×9 kernel is at least 1,000 px wide, not 291', () => {
    const one = [{ label: 'n = 1', count: 1, encoder: new Float32Array(81), decoder: new Float32Array(81) }];
    expect(kernelPanelLayout(one, 9).width).toBeLessThan(400); // the screen's picture
    const options = kernelPanelPrintOptions(one, 9);
    const picture = kernelPanelPicture(one, 9, options);
    expect(Math.max(picture.width, picture.height)).toBeGreaterThanOrEqual(1000);
    expect(Math.max(picture.width, picture.height)).toBeLessThan(1400); // the smallest whole multiple
    const sweep = [1, 2, 4, 8, 16, 32, 64].map((n) => ({ label: `n = ${n}`, count: n }));
    const big = kernelPanelLayout(sweep, 9, kernelPanelPrintOptions(sweep, 9));
    expect(Math.max(big.width, big.height)).toBeGreaterThanOrEqual(1000);
  });

  it('draws labels as smooth strokes at any size, not blown-up blocks of a bitmap font', () => {
    const rows = [row(1)];
    for (const m of [1, 6]) {
      const options = { scale: 4 * m, gap: 2 * m, fontScale: 3 * m };
      const picture = kernelPanelPicture(rows, k, options);
      const label = kernelPanelLayout(rows, k, options).labels[0]!; // "encoder"
      const greys = new Set<number>();
      let ink = 0;
      for (let y = label.y; y < label.y + 15 * m; y++)
        for (let x = label.x; x < label.x + 90 * m; x++) {
          const v = picture.pixels[y * picture.width + x]!;
          greys.add(v);
          if (v < 128) ink++;
        }
      expect(greys.size).toBeGreaterThan(5); // anti-aliased edges, where a bitmap font has 2 greys
      // Stroke width grows with the letters: the ink covers about the same share at both sizes.
      expect(ink / (m * m)).toBeGreaterThan(60);
      expect(ink / (m * m)).toBeLessThan(400);
    }
  });

  it('leaves the labels out when the screen draws them as text over the picture', () => {
    const rows = [row(1)];
    const picture = kernelPanelPicture(rows, k, { labels: false });
    const label = kernelPanelLayout(rows, k).labels[0]!;
    for (let y = label.y; y < label.y + 15; y++)
      for (let x = label.x; x < label.x + 60; x++) expect(picture.pixels[y * picture.width + x]).toBe(255);
  });

  it('names a row whose kernels have the wrong size', () => {
    expect(() => kernelPanelPicture([{ ...row(2), decoder: new Float32Array(5) }], k)).toThrow(
      /n = 2: 2 decoder kernels of 3×3 need 18 values, got 5/,
    );
  });
});
