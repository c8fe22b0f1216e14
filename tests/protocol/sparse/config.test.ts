import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import {
  filterPicture,
  filterSvg,
  atomsOfDictionary,
  atomGridOptions,
} from '../../../protocol/filter-picture.js';
import { encodeNpy, readNpyHeader } from '../../../protocol/npy.js';
import { encodeGreyPng } from '../../../protocol/png.js';
import { parseStartSpec } from '../../../protocol/labs.js';
import { checkLiveParam } from '../../../protocol/live-params.js';
import { defaultSparseConfig, parseSparseConfig, sparsePresets } from '../../../protocol/sparse/config.js';

describe('parseSparseConfig', () => {
  it('accepts every preset and fills missing fields with the defaults', () => {
    for (const preset of Object.values(sparsePresets))
      expect(parseSparseConfig(preset)).toEqual({ ok: true, value: preset });
    expect(parseSparseConfig({})).toEqual({ ok: true, value: defaultSparseConfig });
  });

  it.each([
    [
      { lambda: 0 },
      'lambda',
      'λ (sparsity) (lambda) must be a number greater than 0 and at most 100; got 0.',
    ],
    [{ lambda: -1 }, 'lambda', 'got -1'],
    [{ atoms: 0 }, 'atoms', 'atoms (atoms) must be a whole number at least 1 and at most 1024; got 0.'],
    [{ atoms: 2.5 }, 'atoms', 'whole number'],
    [{ learningRate: 'fast' }, 'learningRate', 'got "fast"'],
    [{ patchSize: 200 }, 'patchSize', 'at most 64; got 200'],
    [{ listaSteps: 0 }, 'listaSteps', 'LISTA steps K'],
    [{ task: 'denoise' }, 'task', 'task must be "dictionary" or "lista"'],
    [{ codes: 'positive' }, 'codes', 'codes must be one of signed, non-negative; got "positive".'],
    [{ data: { kind: 'cifar' } }, 'data', 'data.kind must be "mnist" or "patches"'],
    [{ data: { kind: 'patches', source: 'folder' } }, 'data', 'data.folder must name a folder'],
    [{ data: { kind: 'patches', source: 'folder', folder: '  ' } }, 'data', 'data.folder must name a folder'],
    [
      { data: { kind: 'patches', whitening: 'pca' } },
      'data',
      'data.whitening must be one of olshausen-field, zca, none',
    ],
  ])('refuses %j, naming %s', (input, field, message) => {
    const result = parseSparseConfig(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const error = result.errors.find((e) => e.field === field);
    expect(error?.message).toContain(message);
  });

  it('is reachable through the lab registry', () => {
    expect(parseStartSpec('sparse', { atoms: 0 })).toMatchObject({ ok: false, errors: [{ field: 'atoms' }] });
    expect(parseStartSpec('sparse', sparsePresets.tiny)).toMatchObject({
      ok: true,
      value: { lab: 'sparse' },
    });
  });

  it('checks live λ and η against their ranges', () => {
    expect(checkLiveParam('sparse', 'lambda', 0.3)).toBeNull();
    expect(checkLiveParam('sparse', 'lambda', 0)?.message).toContain(
      'λ (sparsity) (lambda) must be a number greater than 0',
    );
    expect(checkLiveParam('sparse', 'learningRate', 11)?.field).toBe('learningRate');
  });
});

describe('the .npy writer', () => {
  it('writes a version 1.0 header numpy reads: <f4, C order, the shape, data aligned to 64 bytes', () => {
    const values = Float32Array.from({ length: 2 * 3 * 4 }, (_, i) => i - 0.5);
    const bytes = encodeNpy(values, [2, 3, 4]);
    const header = readNpyHeader(bytes);
    expect(header).toEqual({
      descr: '<f4',
      fortranOrder: false,
      shape: [2, 3, 4],
      dataOffset: header.dataOffset,
    });
    expect(header.dataOffset % 64).toBe(0);
    expect(bytes[header.dataOffset - 1]).toBe(0x0a);
    const data = new Float32Array(bytes.slice(header.dataOffset).buffer);
    expect(Array.from(data)).toEqual(Array.from(values));
    expect(readNpyHeader(encodeNpy(new Float32Array(5), [5])).shape).toEqual([5]);
  });

  it('refuses a shape that does not match the values', () => {
    expect(() => encodeNpy(new Float32Array(5), [2, 3])).toThrow('shape [2, 3] holds 6 values, the array 5');
  });
});

describe('filter pictures', () => {
  // Two 2×2 atoms: W [4, 2] column j is atom j.
  const w = Float32Array.from([1, -2, 0, 0, -1, 0, 0.5, 2]);
  const atoms = { values: atomsOfDictionary(w, 4, 2), count: 2, height: 2, width: 2 };

  it('contrast-normalises each atom on its own: 0 → 128, its peak |v| → 1 or 255', () => {
    expect(Array.from(atoms.values)).toEqual([1, 0, -1, 0.5, -2, 0, 0, 2]);
    const picture = filterPicture(atoms, { scale: 1, gap: 1, columns: 2, background: 255 });
    expect([picture.width, picture.height]).toEqual([7, 4]);
    const at = (x: number, y: number) => picture.pixels[y * picture.width + x];
    expect([at(1, 1), at(2, 1), at(1, 2), at(2, 2)]).toEqual([255, 128, 1, 192]);
    expect([at(4, 1), at(5, 1), at(4, 2), at(5, 2)]).toEqual([1, 128, 128, 255]);
    expect(at(0, 0)).toBe(255);
  });

  it('encodes small grey PNGs that pngjs decodes to the same pixels', () => {
    const pixels = Uint8Array.from({ length: 5 * 3 }, (_, i) => i * 17);
    const bytes = encodeGreyPng(5, 3, pixels);
    const decoded = PNG.sync.read(Buffer.from(bytes));
    expect([decoded.width, decoded.height]).toEqual([5, 3]);
    expect(Array.from({ length: 15 }, (_, i) => decoded.data[4 * i])).toEqual(Array.from(pixels));
  });

  it('writes an SVG of the same size with one image per atom', () => {
    const options = atomGridOptions(2, 2);
    const svg = filterSvg(atoms, { ...options, title: 'two <atoms>' });
    const picture = filterPicture(atoms, options);
    expect(svg).toContain(`width="${picture.width}" height="${picture.height}"`);
    expect(svg.match(/<image /g)).toHaveLength(2);
    expect(svg).toContain('<title>two &#60;atoms&#62;</title>');
    expect(svg.trim().endsWith('</svg>')).toBe(true);
  });
});
