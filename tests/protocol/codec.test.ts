import { describe, expect, it } from 'vitest';
import { decodeMessage, encodeMessage } from '../../protocol/codec.js';

describe('the binary codec', () => {
  it('round-trips a message with typed arrays of every kind, nested and unaligned', () => {
    const message = {
      type: 'scatter',
      runId: 'a',
      labels: new Uint8Array([1, 2, 3]),
      means: new Float32Array([0.5, -1.25, 3]),
      steps: new Float64Array([1e12, 2]),
      nested: { counts: new Int32Array([-7]), words: new Uint16Array([65535]), big: new Uint32Array([4e9]) },
      list: [new Float32Array([1]), 'text', null],
      projection: null,
    };
    const decoded = decodeMessage(encodeMessage(message)) as typeof message;
    expect(decoded).toEqual(message);
    expect(decoded.means).toBeInstanceOf(Float32Array);
    expect(decoded.nested.counts).toBeInstanceOf(Int32Array);
  });

  it('encodes a view of a larger buffer without the rest of the buffer', () => {
    const big = new Float32Array([9, 9, 1, 2, 9]);
    const decoded = decodeMessage(encodeMessage({ part: big.subarray(2, 4) })) as { part: Float32Array };
    expect(Array.from(decoded.part)).toEqual([1, 2]);
  });

  it('sends typed arrays as bytes, not as JSON numbers', () => {
    const pixels = new Uint8Array(10000).fill(255);
    expect(encodeMessage({ pixels }).byteLength).toBeLessThan(10100);
  });

  it.each([
    ['empty bytes', new Uint8Array(0), /shorter than/],
    ['a header length past the end', new Uint8Array([255, 0, 0, 0, 123]), /truncated inside its header/],
  ] as const)('rejects %s', (_name, bytes, error) => {
    expect(() => decodeMessage(bytes)).toThrow(error);
  });

  it('rejects arrays cut short', () => {
    const bytes = encodeMessage({ a: new Float32Array(100) });
    expect(() => decodeMessage(bytes.subarray(0, bytes.byteLength - 8))).toThrow(
      /truncated inside its arrays/,
    );
  });
});
