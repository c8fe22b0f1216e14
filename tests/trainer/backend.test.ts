import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { selectBackend } from '../../trainer/backend.js';
import { probeBackend } from '../../trainer/backend-probe.js';

// On this machine tfjs-node(-gpu) cannot be installed (libtensorflow cannot be downloaded),
// so the ladder must come down to wasm and say why.
const nativeMissing = probeBackend().name === 'wasm';

describe('the backend ladder', () => {
  it.runIf(nativeMissing)('falls back to wasm when tfjs-node is not installed, and says why', async () => {
    const info = await selectBackend();
    expect(info).toEqual({
      name: 'wasm',
      reason:
        'tfjs-node is not installed (its install downloads libtensorflow, which failed or was skipped); using wasm',
    });
    expect(tf.getBackend()).toBe('wasm');
  });

  it.runIf(nativeMissing)(
    'refuses an explicit backend that is not installed, in one clear sentence',
    async () => {
      await expect(selectBackend('tensorflow')).rejects.toThrow(
        "The backend 'tensorflow' was asked for but is unavailable: tfjs-node is not installed (its install downloads libtensorflow, which failed or was skipped).",
      );
    },
  );

  it('honours an explicit cpu backend', async () => {
    expect(await selectBackend('cpu')).toEqual({ name: 'cpu', reason: 'cpu was asked for (--backend cpu)' });
    expect(tf.getBackend()).toBe('cpu');
  });

  it('probes without loading TensorFlow and agrees with the ladder here', () => {
    const probe = probeBackend();
    expect(['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu']).toContain(probe.name);
    expect(probeBackend('cpu')).toEqual({ name: 'cpu', reason: 'cpu was asked for (--backend cpu)' });
  });
});
