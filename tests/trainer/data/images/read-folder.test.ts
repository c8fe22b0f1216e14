import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jpeg from 'jpeg-js';
import pngjs from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeGreyImage, sniffFormat } from '../../../../trainer/data/images/decode.js';
import { readImageFolder } from '../../../../trainer/data/images/read-folder.js';

/** RGBA bytes of a horizontal grey ramp, left black to right white. */
function rampRgba(width: number, height: number): Uint8Array {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const v = Math.round((255 * x) / (width - 1));
      data.set([v, v, v, 255], 4 * (y * width + x));
    }
  }
  return data;
}

function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  const png = new pngjs.PNG({ width, height });
  png.data = Buffer.from(rgba);
  return pngjs.PNG.sync.write(png);
}

const encodeJpeg = (width: number, height: number, rgba: Uint8Array): Buffer =>
  jpeg.encode({ width, height, data: rgba }, 95).data;

describe('reading a folder of photos', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'ebm-images-'));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  async function folderWith(name: string, files: Record<string, Uint8Array | string>): Promise<string> {
    const folder = join(root, name);
    await mkdir(folder);
    for (const [file, content] of Object.entries(files)) await writeFile(join(folder, file), content);
    return folder;
  }

  it('reads PNG and JPEG as grey in [0, 1], in name order, skipping other files with a note', async () => {
    const folder = await folderWith('good', {
      'b.jpg': encodeJpeg(40, 24, rampRgba(40, 24)),
      'a.PNG': encodePng(20, 10, rampRgba(20, 10)),
      'notes.txt': 'not a photo',
    });
    await mkdir(join(folder, 'sub'));
    const result = await readImageFolder(folder);
    expect(result.images.map((i) => i.file)).toEqual([join(folder, 'a.PNG'), join(folder, 'b.jpg')]);
    const [png, jpg] = result.images.map((i) => i.image);
    expect([png?.width, png?.height, jpg?.width, jpg?.height]).toEqual([20, 10, 40, 24]);
    for (const image of [png!, jpg!]) {
      expect(Math.min(...image.pixels)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...image.pixels)).toBeLessThanOrEqual(1);
    }
    // the PNG is lossless: exact ramp; the JPEG is close to it
    expect(png?.pixels[0]).toBe(0);
    expect(png?.pixels[19]).toBeCloseTo(1, 6);
    expect(jpg?.pixels[0]).toBeLessThan(0.05);
    expect(jpg?.pixels[39]).toBeGreaterThan(0.95);
    expect(result.skipped).toEqual([
      'notes.txt (not a .png, .jpg or .jpeg file)',
      'sub (a subfolder; subfolders are not read)',
    ]);
  });

  it('downscales so that the long side is at most maxSide', async () => {
    const folder = await folderWith('big', { 'wide.png': encodePng(64, 32, rampRgba(64, 32)) });
    const [entry] = (await readImageFolder(folder, { maxSide: 16 })).images;
    expect([entry?.image.width, entry?.image.height, entry?.originalWidth, entry?.originalHeight]).toEqual([
      16, 8, 64, 32,
    ]);
    expect(Math.max(...entry!.image.pixels)).toBeLessThanOrEqual(1);
  });

  it('says an empty folder has no PNG or JPEG images', async () => {
    const empty = await folderWith('empty', {});
    await expect(readImageFolder(empty)).rejects.toThrow(`no PNG or JPEG images in ${empty}.`);
    const textOnly = await folderWith('text-only', { 'readme.md': '# hi' });
    await expect(readImageFolder(textOnly)).rejects.toThrow(
      `no PNG or JPEG images in ${textOnly} (it holds 1 other entry).`,
    );
  });

  it('names a text file called photo.png and says why it is not an image', async () => {
    const folder = await folderWith('liar', {
      'a.png': encodePng(4, 4, rampRgba(4, 4)),
      'photo.png': 'hello, world',
    });
    await expect(readImageFolder(folder)).rejects.toThrow(
      `${join(folder, 'photo.png')}: not a PNG or JPEG image (it starts with the bytes 68 65 6c 6c 6f 2c 20 77 ("hello, w")).`,
    );
  });

  it('names a truncated PNG and an empty JPEG', async () => {
    const png = encodePng(8, 8, rampRgba(8, 8));
    const folder = await folderWith('broken', { 'cut.png': png.subarray(0, 40) });
    await expect(readImageFolder(folder)).rejects.toThrow(
      `${join(folder, 'cut.png')}: looks like a PNG image but could not be decoded (`,
    );
    const empty = await folderWith('zero', { 'x.jpeg': new Uint8Array(0) });
    await expect(readImageFolder(empty)).rejects.toThrow(
      `${join(empty, 'x.jpeg')}: not a PNG or JPEG image (the file is empty).`,
    );
  });

  it('names a missing folder and a file given as a folder', async () => {
    const missing = join(root, 'nowhere');
    await expect(readImageFolder(missing)).rejects.toThrow(`${missing}: cannot be read (no such folder).`);
    const folder = await folderWith('file-not-folder', { 'a.png': encodePng(2, 2, rampRgba(2, 2)) });
    await expect(readImageFolder(join(folder, 'a.png'))).rejects.toThrow(
      'is a file, not a folder of images.',
    );
    await expect(readImageFolder(folder, { maxSide: 0 })).rejects.toThrow('whole number of pixels ≥ 1');
  });

  it('recognises the format by its bytes, not the name', () => {
    const jpg = encodeJpeg(8, 8, rampRgba(8, 8));
    expect(sniffFormat(jpg)).toBe('jpeg');
    expect(decodeGreyImage(jpg, 'really-a-jpeg.png').width).toBe(8);
    expect(sniffFormat(new Uint8Array([1, 2, 3]))).toBeNull();
  });
});
