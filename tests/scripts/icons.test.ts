/**
 * The app's icon (scripts/icon-art.ts, rendered by scripts/icons.ts into assets/): the
 * containers' layouts, and the committed files — the drawing the code makes, every size the
 * platforms need, each a real rendering (transparent corners, an opaque tile, more than one
 * colour).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { encodeIcns, encodeIco, icnsTypes, icoSizes, iconSizes, iconSvg } from '../../scripts/icon-art.js';

const assets = join(import.meta.dirname, '../../assets');
const read = (name: string): Buffer => readFileSync(join(assets, name));

/** The ICONDIR entries of an .ico: width (0 = 256), bits per pixel, data. */
function icoEntries(bytes: Uint8Array) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  expect([view.getUint16(0, true), view.getUint16(2, true)]).toEqual([0, 1]);
  return Array.from({ length: view.getUint16(4, true) }, (_, i) => {
    const at = 6 + 16 * i;
    const size = view.getUint32(at + 8, true);
    const offset = view.getUint32(at + 12, true);
    return {
      width: bytes[at]!,
      bpp: view.getUint16(at + 6, true),
      data: bytes.subarray(offset, offset + size),
    };
  });
}

/** The elements of an .icns: type and data. */
function icnsElements(bytes: Uint8Array) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = (at: number) => String.fromCharCode(...bytes.subarray(at, at + 4));
  expect(text(0)).toBe('icns');
  expect(view.getUint32(4)).toBe(bytes.length);
  const elements: { type: string; data: Uint8Array }[] = [];
  for (let at = 8; at < bytes.length; at += view.getUint32(at + 4)) {
    elements.push({ type: text(at), data: bytes.subarray(at + 8, at + view.getUint32(at + 4)) });
  }
  return elements;
}

const side = (png: Uint8Array): number => {
  const image = PNG.sync.read(Buffer.from(png));
  expect(image.height).toBe(image.width);
  return image.width;
};

describe('the icon containers', () => {
  const fake = (n: number) => Uint8Array.from({ length: n }, (_, i) => i);

  it('.ico: a directory of PNG entries, 256 written as 0', () => {
    const entries = icoEntries(
      encodeIco([
        { size: 16, png: fake(5) },
        { size: 256, png: fake(9) },
      ]),
    );
    expect(entries.map((e) => [e.width, e.bpp, [...e.data]])).toEqual([
      [16, 32, [0, 1, 2, 3, 4]],
      [0, 32, [0, 1, 2, 3, 4, 5, 6, 7, 8]],
    ]);
  });

  it('.icns: typed elements with their lengths, big-endian', () => {
    const elements = icnsElements(
      encodeIcns([
        { type: 'ic07', png: fake(3) },
        { type: 'ic10', png: fake(4) },
      ]),
    );
    expect(elements.map((e) => [e.type, [...e.data]])).toEqual([
      ['ic07', [0, 1, 2]],
      ['ic10', [0, 1, 2, 3]],
    ]);
  });
});

describe('assets/ (run `npm run icons` after changing the drawing)', () => {
  it('icon.svg is the drawing icon-art.ts makes', () => {
    expect(read('icon.svg').toString('utf8')).toBe(iconSvg('full'));
  });

  it.each(iconSizes)('icons/%ix%i.png is a real rendering of that size', (size) => {
    const image = PNG.sync.read(read(`icons/${size}x${size}.png`));
    expect([image.width, image.height]).toEqual([size, size]);
    const alpha = (x: number, y: number) => image.data[(y * size + x) * 4 + 3];
    expect(alpha(0, 0)).toBe(0); // rounded corner: transparent
    expect(alpha(size >> 1, size >> 1)).toBe(255);
    const colours = new Set<number>();
    for (let i = 0; i < image.data.length; i += 4) colours.add(image.data.readUInt32BE(i));
    expect(colours.size).toBeGreaterThan(8);
  });

  it('icon.ico holds the Windows sizes, 16 to 256', () => {
    expect(icoEntries(read('icon.ico')).map((e) => side(e.data))).toEqual([...icoSizes]);
  });

  it('icon.icns holds the macOS sizes, 16 to 1024 (and their @2x types)', () => {
    expect(icnsElements(read('icon.icns')).map((e) => [e.type, side(e.data)])).toEqual(
      icnsTypes.map(([type, size]) => [type, size]),
    );
  });

  it('electron-builder looks for them in assets/ (build.directories.buildResources)', () => {
    const manifest = JSON.parse(readFileSync(join(assets, '../package.json'), 'utf8')) as {
      build: { directories: { buildResources: string } };
    };
    expect(manifest.build.directories.buildResources).toBe('assets');
  });
});
