/**
 * A tiny writer (and header reader) for NumPy's .npy format, version 1.0
 * (numpy.org/doc/stable/reference/generated/numpy.lib.format.html):
 *   "\x93NUMPY" · major 1 · minor 0 · header length (uint16 LE) · header · data
 * The header is an ASCII Python dict literal, e.g. {'descr': '<f4', 'fortran_order': False,
 * 'shape': (256, 28, 28), }, padded with spaces and a final '\n' so that magic + lengths +
 * header is a multiple of 64 bytes. Data: little-endian float32, C order. `np.load` reads it.
 */

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59] as const; // \x93NUMPY

export interface NpyHeader {
  readonly descr: string;
  readonly fortranOrder: boolean;
  readonly shape: readonly number[];
  /** Byte offset of the data. */
  readonly dataOffset: number;
}

/** The .npy bytes of a float32 array of this shape (row-major). */
export function encodeNpy(values: Float32Array, shape: readonly number[]): Uint8Array {
  const count = shape.reduce((a, b) => a * b, 1);
  if (count !== values.length)
    throw new Error(`shape [${shape.join(', ')}] holds ${count} values, the array ${values.length}`);
  const tuple = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': ${tuple}, }`;
  const unpadded = MAGIC.length + 2 + 2 + header.length + 1;
  header += ' '.repeat((64 - (unpadded % 64)) % 64) + '\n';
  const offset = MAGIC.length + 4 + header.length;
  const out = new Uint8Array(offset + values.length * 4);
  out.set(MAGIC, 0);
  out[6] = 1;
  out[7] = 0;
  out[8] = header.length & 0xff;
  out[9] = header.length >> 8;
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i);
  const view = new DataView(out.buffer, offset);
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i] as number, true);
  return out;
}

/** Reads the header of .npy bytes (version 1.0); throws on anything else. */
export function readNpyHeader(bytes: Uint8Array): NpyHeader {
  if (!MAGIC.every((b, i) => bytes[i] === b)) throw new Error('not a .npy file (bad magic)');
  if (bytes[6] !== 1) throw new Error(`unsupported .npy version ${bytes[6]}`);
  const length = (bytes[8] as number) | ((bytes[9] as number) << 8);
  const text = String.fromCharCode(...bytes.subarray(10, 10 + length));
  const descr = /'descr':\s*'([^']+)'/.exec(text)?.[1];
  const fortran = /'fortran_order':\s*(True|False)/.exec(text)?.[1];
  const shape = /'shape':\s*\(([^)]*)\)/.exec(text)?.[1];
  if (descr === undefined || fortran === undefined || shape === undefined)
    throw new Error(`malformed .npy header: ${text}`);
  return {
    descr,
    fortranOrder: fortran === 'True',
    shape: shape
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .map(Number),
    dataOffset: 10 + length,
  };
}
