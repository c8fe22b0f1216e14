/**
 * MNIST's IDX format (LeCun et al., yann.lecun.com/exdb/mnist): a 4-byte magic number
 * 0x0000TTNN (TT = 0x08 for unsigned bytes, NN = number of dimensions), NN big-endian
 * uint32 sizes, then the values, row-major. Images are 0x00000803 [count, rows, cols],
 * labels 0x00000801 [count]. Files may be gzip-compressed (first bytes 1f 8b), as
 * distributed. Every error names the file and says what is wrong with it.
 */
import { gunzipSync } from 'node:zlib';
import type { Digits } from './digits.js';
import { FILE_LIMITS, formatBytes, readDataFile } from './read-file.js';
import { SaidError, sayShared } from '../../protocol/texts.js';

export const IDX_IMAGES_MAGIC = 0x00000803;
export const IDX_LABELS_MAGIC = 0x00000801;

export interface IdxArray {
  readonly dims: readonly number[];
  readonly data: Uint8Array;
}

const hex = (n: number): string => `0x${n.toString(16).padStart(8, '0')}`;

/** Gunzips `bytes` of `file` into at most `maxBytes` bytes (a small .gz can expand without end). */
export function gunzipBounded(bytes: Uint8Array, file: string, maxBytes: number): Uint8Array {
  try {
    return gunzipSync(bytes, { maxOutputLength: maxBytes });
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
      throw new Error(
        `${file}: decompresses to more than ${formatBytes(maxBytes)}, the most this lab reads from one file.`,
      );
    const why = error instanceof Error ? error.message : String(error);
    throw new Error(`${file}: looks gzip-compressed but could not be decompressed (${why}).`);
  }
}

/**
 * Reads a file (read-file.ts's checks, at most FILE_LIMITS.idx bytes), gunzipping it when it
 * starts with the gzip magic bytes, into at most as many bytes.
 */
async function readMaybeGzip(file: string): Promise<Uint8Array> {
  const bytes = await readDataFile(file, FILE_LIMITS.idx);
  const gzip = bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
  return gzip ? gunzipBounded(bytes, file, FILE_LIMITS.idx) : bytes;
}

/** Parses IDX bytes of unsigned bytes with the expected magic number. */
export function parseIdx(bytes: Uint8Array, file: string, magic: number): IdxArray {
  const what = magic === IDX_IMAGES_MAGIC ? 'IDX image file' : 'IDX label file';
  const rank = magic & 0xff;
  if (bytes.length < 4)
    throw new Error(`${file}: truncated: ${bytes.length} bytes, too short for an ${what}.`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const found = view.getUint32(0, false);
  if (found !== magic) {
    throw new Error(
      `${file}: wrong magic number ${hex(found)}; an ${what} starts with ${hex(magic)} (unsigned bytes, ${rank} dimension${rank > 1 ? 's' : ''}).`,
    );
  }
  const headerBytes = 4 + 4 * rank;
  if (bytes.length < headerBytes) {
    throw new Error(
      `${file}: truncated header: it needs ${headerBytes} bytes, the file has ${bytes.length}.`,
    );
  }
  const dims = Array.from({ length: rank }, (_, i) => view.getUint32(4 + 4 * i, false));
  const size = dims.reduce((a, b) => a * b, 1);
  const available = bytes.length - headerBytes;
  if (available < size) {
    throw new Error(
      `${file}: truncated data: ${dims.join('×')} values need ${size} bytes after the header, the file has ${available}.`,
    );
  }
  return { dims, data: bytes.subarray(headerBytes, headerBytes + size) };
}

export async function readIdx(file: string, magic: number): Promise<IdxArray> {
  return parseIdx(await readMaybeGzip(file), file, magic);
}

/** Reads an image file and its label file into Digits (pixels scaled to [0, 1]). */
export async function readIdxDigits(imagesFile: string, labelsFile: string): Promise<Digits> {
  const [images, labels] = await Promise.all([
    readIdx(imagesFile, IDX_IMAGES_MAGIC),
    readIdx(labelsFile, IDX_LABELS_MAGIC),
  ]);
  const [count = 0, height = 0, width = 0] = images.dims;
  if (count === 0 || height === 0 || width === 0) {
    throw new SaidError(sayShared('idxNoImages', { file: imagesFile, dims: images.dims.join('×') }));
  }
  if (labels.dims[0] !== count) {
    throw new SaidError(
      sayShared('idxCountMismatch', {
        images: imagesFile,
        count,
        height,
        width,
        labels: labelsFile,
        labelCount: labels.dims[0] ?? 0,
      }),
    );
  }
  const pixels = new Float32Array(images.data.length);
  for (let i = 0; i < pixels.length; i++) pixels[i] = (images.data[i] as number) / 255;
  return { count, width, height, pixels, labels: labels.data.slice() };
}
