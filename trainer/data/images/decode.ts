/**
 * Decodes one photo file to a grey image in [0, 1]: PNG by pngjs, JPEG (baseline and
 * progressive) by jpeg-js, both pure JavaScript. The format is recognised by the file's
 * first bytes (PNG: 89 50 4E 47 0D 0A 1A 0A; JPEG: FF D8 FF), not by its name, so a JPEG
 * saved as .png still reads. Colour becomes grey by BT.601 luma (models/images/image.ts);
 * 16-bit PNGs are scaled to 8 bits by pngjs. Files are read with read-file.ts's checks (regular
 * files of at most FILE_LIMITS.image bytes); PNGs larger than MAX_MEGAPIXELS are refused from
 * their header, as jpeg-js refuses such JPEGs. Every error names the file and what is wrong.
 */
import jpeg from 'jpeg-js';
import pngjs from 'pngjs';
import { rgbaToGrey, type GreyImage } from '../../../models/images/image.js';
import { FILE_LIMITS, readDataFile } from '../read-file.js';

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

/** A PNG's width × height from its IHDR chunk (bytes 16–23), or null when the header is cut short. */
function pngSize(bytes: Uint8Array): { width: number; height: number } | null {
  if (bytes.length < 24) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16, false), height: view.getUint32(20, false) };
}

/** pngjs's own wording for a file that ends early, in plain words. */
function explainPngError(why: string): string {
  return /waitng on finished stream|unexpected end|ended prematurely/i.test(why)
    ? 'the file ends before its image data does; it may be truncated'
    : why;
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
  const size = format === 'png' ? pngSize(bytes) : null;
  if (size && size.width * size.height > MAX_MEGAPIXELS * 1e6) {
    const mp = (size.width * size.height) / 1e6;
    throw new Error(
      `${file}: ${size.width}×${size.height} pixels (${mp.toFixed(0)} MP) is more than the ${MAX_MEGAPIXELS} MP this lab decodes.`,
    );
  }
  let rgba: { width: number; height: number; data: Uint8Array };
  try {
    rgba = decodeRgba(bytes, format);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new Error(
      `${file}: looks like a ${format.toUpperCase()} image but could not be decoded (${format === 'png' ? explainPngError(why) : why}).`,
    );
  }
  if (rgba.width < 1 || rgba.height < 1)
    throw new Error(`${file}: the image has no pixels (${rgba.width}×${rgba.height}).`);
  return rgbaToGrey(rgba.data, rgba.width, rgba.height);
}

/** Reads and decodes one file. */
export async function readGreyImage(file: string): Promise<GreyImage> {
  return decodeGreyImage(await readDataFile(file, FILE_LIMITS.image), file);
}
