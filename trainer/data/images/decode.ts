/**
 * Decodes one photo file to a grey image in [0, 1]: PNG by pngjs, JPEG (baseline and
 * progressive) by jpeg-js, both pure JavaScript. The format is recognised by the file's
 * first bytes (PNG: 89 50 4E 47 0D 0A 1A 0A; JPEG: FF D8 FF), not by its name, so a JPEG
 * saved as .png still reads. Colour becomes grey by BT.601 luma (models/images/image.ts);
 * 16-bit PNGs are scaled to 8 bits by pngjs. Every error names the file and what is wrong.
 */
import { readFile } from 'node:fs/promises';
import jpeg from 'jpeg-js';
import pngjs from 'pngjs';
import { rgbaToGrey, type GreyImage } from '../../../models/images/image.js';

export type ImageFormat = 'png' | 'jpeg';

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG_MAGIC = [0xff, 0xd8, 0xff];

/** Largest photo decoded, in megapixels (jpeg-js's guard against decompression bombs). */
export const MAX_MEGAPIXELS = 100;

const startsWith = (bytes: Uint8Array, magic: number[]): boolean => magic.every((b, i) => bytes[i] === b);

export function sniffFormat(bytes: Uint8Array): ImageFormat | null {
  if (startsWith(bytes, PNG_MAGIC)) return 'png';
  if (startsWith(bytes, JPEG_MAGIC)) return 'jpeg';
  return null;
}

/** "the file is empty" or "it starts with the bytes 68 65 6c 6c ("hell")". */
function describeStart(bytes: Uint8Array): string {
  if (bytes.length === 0) return 'the file is empty';
  const head = bytes.subarray(0, 8);
  const hex = Array.from(head, (b) => b.toString(16).padStart(2, '0')).join(' ');
  const text = Array.from(head, (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
  return `it starts with the bytes ${hex} ("${text}")`;
}

function decodeRgba(
  bytes: Uint8Array,
  format: ImageFormat,
): { width: number; height: number; data: Uint8Array } {
  if (format === 'png')
    return pngjs.PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  return jpeg.decode(bytes, {
    useTArray: true,
    formatAsRGBA: true,
    maxResolutionInMP: MAX_MEGAPIXELS,
    maxMemoryUsageInMB: 2048,
  });
}

/** Decodes PNG or JPEG bytes (named `file` in errors) to grey in [0, 1]. */
export function decodeGreyImage(bytes: Uint8Array, file: string): GreyImage {
  const format = sniffFormat(bytes);
  if (format === null) throw new Error(`${file}: not a PNG or JPEG image (${describeStart(bytes)}).`);
  let rgba: { width: number; height: number; data: Uint8Array };
  try {
    rgba = decodeRgba(bytes, format);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new Error(`${file}: looks like a ${format.toUpperCase()} image but could not be decoded (${why}).`);
  }
  if (rgba.width < 1 || rgba.height < 1)
    throw new Error(`${file}: the image has no pixels (${rgba.width}×${rgba.height}).`);
  return rgbaToGrey(rgba.data, rgba.width, rgba.height);
}

/** Reads and decodes one file. */
export async function readGreyImage(file: string): Promise<GreyImage> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as { code?: string }).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EACCES'
          ? 'permission denied'
          : code === 'EISDIR'
            ? 'it is a folder'
            : String(error);
    throw new Error(`${file}: cannot be read (${why}).`);
  }
  return decodeGreyImage(bytes, file);
}
