/**
 * Binary codec for protocol messages over WebSocket and in run folders: a JSON header in
 * which every typed array is replaced by a reference, followed by the arrays' bytes.
 *
 *   [u32 header length][header JSON, UTF-8][padding to 8][array 0][padding][array 1]…
 */

// Present in every runtime we target (Node, Chromium, Electron); declared here because the
// models/protocol project compiles without DOM or Node types.
declare const TextEncoder: new () => { encode(text: string): Uint8Array };
declare const TextDecoder: new () => { decode(bytes: Uint8Array): string };

const ARRAYS = {
  Float32Array,
  Float64Array,
  Int32Array,
  Uint8Array,
  Uint16Array,
  Uint32Array,
} as const;
type ArrayKind = keyof typeof ARRAYS;
type AnyTypedArray = InstanceType<(typeof ARRAYS)[ArrayKind]>;

interface ArrayRef {
  readonly $array: number;
  readonly kind: ArrayKind;
  readonly length: number;
}

function kindOf(value: unknown): ArrayKind | null {
  for (const kind of Object.keys(ARRAYS) as ArrayKind[]) {
    if (value instanceof ARRAYS[kind]) return kind;
  }
  return null;
}

const align8 = (n: number): number => (n + 7) & ~7;

export function encodeMessage(message: unknown): Uint8Array {
  const arrays: AnyTypedArray[] = [];
  const header = JSON.stringify(message, (_key, value: unknown) => {
    const kind = kindOf(value);
    if (!kind) return value;
    const array = value as AnyTypedArray;
    arrays.push(array);
    const ref: ArrayRef = { $array: arrays.length - 1, kind, length: array.length };
    return ref;
  });
  const headerBytes = new TextEncoder().encode(header);
  let size = align8(4 + headerBytes.byteLength);
  const offsets = arrays.map((a) => {
    const at = size;
    size = align8(size + a.byteLength);
    return at;
  });
  const out = new Uint8Array(size);
  new DataView(out.buffer).setUint32(0, headerBytes.byteLength, true);
  out.set(headerBytes, 4);
  arrays.forEach((a, i) => out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), offsets[i]));
  return out;
}

function isRef(value: unknown): value is ArrayRef {
  return typeof value === 'object' && value !== null && '$array' in value && 'kind' in value;
}

/** Decodes a message; throws an Error saying what is wrong with malformed bytes. */
export function decodeMessage(bytes: Uint8Array): unknown {
  if (bytes.byteLength < 4) throw new Error('message shorter than its 4-byte header length');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getUint32(0, true);
  if (4 + headerLength > bytes.byteLength) throw new Error('message truncated inside its header');
  const header = new TextDecoder().decode(bytes.subarray(4, 4 + headerLength));
  // Copy once so every array is aligned and owns its memory. (Not bytes.slice: on a Node Buffer
  // that is a view into a shared pool, and the arrays below would read at the wrong offset.)
  const body = new Uint8Array(bytes);
  let at = align8(4 + headerLength);
  const refs: ArrayRef[] = [];
  const parsed: unknown = JSON.parse(header, (_key, value: unknown) => {
    if (isRef(value)) refs.push(value);
    return value;
  });
  refs.sort((a, b) => a.$array - b.$array);
  const decoded = new Map<number, AnyTypedArray>();
  for (const ref of refs) {
    const Ctor = ARRAYS[ref.kind];
    if (!Ctor) throw new Error(`unknown array kind ${String(ref.kind)}`);
    const byteLength = ref.length * Ctor.BYTES_PER_ELEMENT;
    if (at + byteLength > body.byteLength) throw new Error('message truncated inside its arrays');
    decoded.set(ref.$array, new Ctor(body.buffer, at, ref.length));
    at = align8(at + byteLength);
  }
  const revive = (value: unknown): unknown => {
    if (isRef(value)) return decoded.get(value.$array);
    if (Array.isArray(value)) return value.map(revive);
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, revive(v)]));
    }
    return value;
  };
  return revive(parsed);
}
