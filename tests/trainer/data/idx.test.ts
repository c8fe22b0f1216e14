import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { IDX_IMAGES_MAGIC, IDX_LABELS_MAGIC, readIdxDigits } from '../../../trainer/data/idx.js';

/** An IDX file: magic, big-endian dims, then the bytes. */
function idx(magic: number, dims: number[], values: number[]): Uint8Array {
  const header = new DataView(new ArrayBuffer(4 + 4 * dims.length));
  header.setUint32(0, magic, false);
  dims.forEach((d, i) => header.setUint32(4 + 4 * i, d, false));
  return new Uint8Array([...new Uint8Array(header.buffer), ...values]);
}

const W = 3;
const H = 2;
const pixels = Array.from({ length: 4 * W * H }, (_, i) => (i * 37) % 256);
const labels = [3, 1, 4, 1];
const goodImages = idx(IDX_IMAGES_MAGIC, [4, H, W], pixels);
const goodLabels = idx(IDX_LABELS_MAGIC, [4], labels);

let dir = '';
const file = async (name: string, bytes: Uint8Array): Promise<string> => {
  const path = join(dir, name);
  await writeFile(path, bytes);
  return path;
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ebm-idx-'));
});

describe('reading IDX files', () => {
  it.each([
    ['plain', (b: Uint8Array) => b, ''],
    ['gzip-compressed', (b: Uint8Array) => new Uint8Array(gzipSync(b)), '.gz'],
  ])('round-trips %s images and labels, pixels scaled to [0, 1]', async (_, encode, ext) => {
    const images = await file(`images${ext}`, encode(goodImages));
    const labelsFile = await file(`labels${ext}`, encode(goodLabels));
    const digits = await readIdxDigits(images, labelsFile);
    expect(digits).toMatchObject({ count: 4, width: W, height: H });
    expect([...digits.labels]).toEqual(labels);
    expect(Array.from(digits.pixels, (v) => Math.round(v * 255))).toEqual(pixels);
  });

  const malformed: [string, () => Promise<[Uint8Array, Uint8Array]>, RegExp, 'images' | 'labels'][] = [
    [
      'a wrong magic number',
      async () => [idx(0x00000801, [4, H, W], pixels), goodLabels],
      /wrong magic number 0x00000801.*0x00000803/,
      'images',
    ],
    [
      'labels given as images',
      async () => [goodImages, goodImages],
      /wrong magic number 0x00000803.*0x00000801/,
      'labels',
    ],
    [
      'a truncated header',
      async () => [goodImages.subarray(0, 10), goodLabels],
      /truncated header: it needs 16 bytes, the file has 10/,
      'images',
    ],
    [
      'a file shorter than its magic number',
      async () => [goodImages.subarray(0, 2), goodLabels],
      /truncated: 2 bytes/,
      'images',
    ],
    [
      'truncated pixels',
      async () => [goodImages.subarray(0, goodImages.length - 5), goodLabels],
      /truncated data: 4×2×3 values need 24 bytes after the header, the file has 19/,
      'images',
    ],
    [
      'truncated labels',
      async () => [goodImages, goodLabels.subarray(0, 10)],
      /truncated data: 4 values need 4 bytes after the header, the file has 2/,
      'labels',
    ],
    [
      'a corrupt gzip stream',
      async () => [new Uint8Array(gzipSync(goodImages)).subarray(0, 20), goodLabels],
      /gzip-compressed but could not be decompressed/,
      'images',
    ],
  ];

  it.each(malformed)('rejects %s, naming the file and the problem', async (name, make, problem, culprit) => {
    const [imageBytes, labelBytes] = await make();
    const tag = name.replaceAll(' ', '-');
    const images = await file(`${tag}-images`, imageBytes);
    const labelsFile = await file(`${tag}-labels`, labelBytes);
    const error = await readIdxDigits(images, labelsFile).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(error).toBeInstanceOf(Error);
    expect(error?.message).toMatch(problem);
    expect(error?.message.startsWith(culprit === 'images' ? images : labelsFile)).toBe(true);
  });

  it('rejects images and labels of different counts, naming both files and both counts', async () => {
    const images = await file('count-images', goodImages);
    const labelsFile = await file('count-labels', idx(IDX_LABELS_MAGIC, [3], [1, 2, 3]));
    await expect(readIdxDigits(images, labelsFile)).rejects.toThrow(
      `${images} has 4 images of 2×3 but ${labelsFile} has 3 labels; they must match.`,
    );
  });

  it('says so when a file does not exist', async () => {
    const missing = join(dir, 'nope.idx');
    await expect(readIdxDigits(missing, missing)).rejects.toThrow(
      `${missing}: cannot be read (no such file).`,
    );
  });
});
