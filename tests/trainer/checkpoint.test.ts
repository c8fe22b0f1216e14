/**
 * A checkpoint write that fails half-way (a full disk) leaves the previous checkpoint whole
 * and no temporary file behind (issue 13, item 2).
 */
import { mkdir, mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECKPOINT_JSON, readCheckpoint, writeCheckpoint } from '../../trainer/checkpoint.js';

const weights = (v: number) => ({ w: { shape: [2, 2], data: new Float32Array(4).fill(v) } });

describe('checkpoints', () => {
  it('keeps the previous checkpoint whole when the second file cannot be written', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ebm-ckpt-'));
    await writeCheckpoint(dir, weights(1), { step: 5, epoch: 1 });
    // The next write of checkpoint.json fails (its temporary name is taken by a folder).
    await mkdir(join(dir, `${CHECKPOINT_JSON}.tmp-${process.pid}`));
    await expect(writeCheckpoint(dir, weights(2), { step: 9, epoch: 2 })).rejects.toThrow();
    const kept = await readCheckpoint(dir);
    expect(kept.index.step).toBe(5);
    expect(Array.from(kept.weights.w?.data ?? [])).toEqual([1, 1, 1, 1]); // not step 9's weights
    expect((await readdir(dir)).sort()).toEqual([
      'checkpoint.bin',
      'checkpoint.json',
      `${CHECKPOINT_JSON}.tmp-${process.pid}`,
    ]);
  });

  it('refuses weights that are not finite', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ebm-ckpt-'));
    await expect(
      writeCheckpoint(dir, { w: { shape: [1], data: Float32Array.of(Number.NaN) } }, { step: 1, epoch: 0 }),
    ).rejects.toThrow('refusing to write a checkpoint: weight w is not finite');
  });
});
