import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readMetricsLog } from '../../host/run-files.js';
import { readNpyHeader } from '../../protocol/npy.js';
import { expectFiles, itRefuses, readJson, RUN_FOLDER, train } from './cli-helpers.js';

describe('ebm-lab train ebm2d', () => {
  it('trains PCD on the spiral through a real trainer process and writes a complete run folder', async () => {
    const flags = ['--preset', 'tiny', '--method', 'pcd', '--data', 'spiral'];
    const { code, stdout, stderr, runId, dir } = await train('ebm2d', ...flags);
    expect(code, stderr).toBe(0);
    expect(runId).toMatch(/energy-pcd-spiral/);
    expect(stdout).toContain('Trained 30 steps');
    await expectFiles(dir, [...RUN_FOLDER, 'checkpoint.bin']);
    expect(await readJson(join(dir, 'config.json'))).toMatchObject({
      lab: 'energy',
      config: { method: 'pcd', data: 'spiral', steps: 30 },
    });
    const points = await readMetricsLog(join(dir, 'metrics.jsonl'));
    expect(points.map((p) => p.step)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(Object.keys(points[0]!.columns)).toEqual(['loss', 'energyData', 'energyNeg']);
    expect(await readJson(join(dir, 'status.json'))).toMatchObject({
      state: 'done',
      lastStep: 30,
      doneReason: 'completed',
    });
    await expectFiles(join(dir, 'views'), ['arrays-landscape.bin', 'arrays-particles.bin', 'history']);
    await expectFiles(join(dir, 'views', 'history'), [
      'arrays-landscape-0000000000.bin',
      'arrays-landscape-0000000030.bin',
    ]);
    // The last landscape and the data, for numpy: float32 [rows, cols] and [n, 2], with the extent.
    const exports = join(dir, 'exports');
    const npy = async (name: string) => readNpyHeader(new Uint8Array(await readFile(join(exports, name))));
    expect(await npy('landscape.npy')).toMatchObject({ descr: '<f4', shape: [128, 128] });
    expect(await npy('data.npy')).toMatchObject({ descr: '<f4', shape: [200, 2] });
    const meta = (await readJson(join(exports, 'landscape.json'))) as Record<string, number>;
    expect(meta).toMatchObject({ rows: 128, cols: 128, step: 30, origin: 'upper', method: 'pcd' });
    expect(meta.xMin).toBeLessThan(meta.xMax!);
    expect(meta.yMin).toBeLessThan(meta.yMax!);
  });

  itRefuses('ebm2d', 'refuses %j with exit code 2 and a sentence', [
    [['--points', '0,0,1,1'], 'Draw at least 5 points to train on (got 2).'],
    [
      ['--points', '0,0,1,x,2,2,3,3,4,4'],
      '--points: "x" (the y of point 2) is not a finite number; give x,y pairs such as 0.5,-1,1.2,0.3,….',
    ],
    [['--k', '-1'], 'Langevin steps k (k) must be a whole number at least 0 and at most 500; got -1.'],
    [['--method', 'gan'], 'method must be one of dae, cd, pcd, latent, conditional; got "gan".'],
  ]);
});
