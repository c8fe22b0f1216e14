import { describe, expect, it } from 'vitest';
import { decodeMessage, encodeMessage } from '../../protocol/codec.js';

describe('decodeMessage on a Node Buffer', () => {
  it('reads the arrays at their own offsets when the Buffer is a view into a larger pool', () => {
    const bytes = Uint8Array.from({ length: 37 }, (_, i) => i * 7);
    const encoded = encodeMessage({ type: 'save-export', name: 'x.png', bytes });
    const pool = Buffer.alloc(encoded.length + 24, 0x55);
    pool.set(encoded, 24);
    const view = pool.subarray(24); // byteOffset 24, as the ws library hands over small frames
    const decoded = decodeMessage(view) as { bytes: Uint8Array };
    expect(Array.from(decoded.bytes)).toEqual(Array.from(bytes));
  });
});
