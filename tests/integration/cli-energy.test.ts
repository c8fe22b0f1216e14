import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { readNpyHeader } from '../../protocol/npy.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readMetricsLog } from '../../host/run-files.js';

const bin = fileURLToPath(new URL('../../bin/ebm-lab.mjs', import.meta.url));

function ebmLab(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { timeout: 120_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

describe('ebm-lab train ebm2d', () => {
  it('trains PCD on the spiral through a real trainer process and writes a complete run folder', async () => {
    const runsDir = await mkdtemp(join(tmpdir(), 'ebm-cli-energy-'));
    const args = ['train', 'ebm2d', '--preset', 'tiny', '--method', 'pcd', '--data', 'spiral'];
    const { code, stdout, stderr } = await ebmLab([...args, '--runs-dir', runsDir]);
    expect(code, stderr).toBe(0);
    const [runId] = await readdir(runsDir);
    expect(runId).toMatch(/energy-pcd-spiral/);
    const dir = join(runsDir, runId!);
    expect(stdout).toContain('Trained 30 steps');
    expect(await readdir(dir)).toEqual(
      expect.arrayContaining([
        'config.json',
        'metrics.jsonl',
        'status.json',
        'checkpoint.json',
        'checkpoint.bin',
        'views',
      ]),
    );
    const config = JSON.parse(await readFile(join(dir, 'config.json'), 'utf8')) as Record<string, unknown>;
    expect(config).toMatchObject({ lab: 'energy', config: { method: 'pcd', data: 'spiral', steps: 30 } });
    const points = await readMetricsLog(join(dir, 'metrics.jsonl'));
    expect(points.map((p) => p.step)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(Object.keys(points[0]!.columns)).toEqual(['loss', 'energyData', 'energyNeg']);
    const status = JSON.parse(await readFile(join(dir, 'status.json'), 'utf8')) as Record<string, unknown>;
    expect(status).toMatchObject({ state: 'done', lastStep: 30, doneReason: 'completed' });
    expect(await readdir(join(dir, 'views'))).toEqual(
      expect.arrayContaining(['arrays-landscape.bin', 'arrays-particles.bin', 'history']),
    );
    const history = await readdir(join(dir, 'views', 'history'));
    expect(history).toEqual(
      expect.arrayContaining(['arrays-landscape-0000000000.bin', 'arrays-landscape-0000000030.bin']),
    );
    // The last landscape and the data, for numpy: float32 [rows, cols] and [n, 2], with the extent.
    const exports = join(dir, 'exports');
    const npy = async (name: string) => readNpyHeader(new Uint8Array(await readFile(join(exports, name))));
    expect(await npy('landscape.npy')).toMatchObject({ descr: '<f4', shape: [128, 128] });
    expect(await npy('data.npy')).toMatchObject({ descr: '<f4', shape: [200, 2] });
    const meta = JSON.parse(await readFile(join(exports, 'landscape.json'), 'utf8')) as Record<
      string,
      number
    >;
    expect(meta).toMatchObject({ rows: 128, cols: 128, step: 30, origin: 'upper', method: 'pcd' });
    expect(meta.xMin).toBeLessThan(meta.xMax!);
    expect(meta.yMin).toBeLessThan(meta.yMax!);
  });

  it.each([
    [['--points', '0,0,1,1'], 'Draw at least 5 points to train on (got 2).'],
    [
      ['--points', '0,0,1,x,2,2,3,3,4,4'],
      '--points: "x" (the y of point 2) is not a finite number; give x,y pairs such as 0.5,-1,1.2,0.3,….',
    ],
    [['--k', '-1'], 'Langevin steps k (k) must be a whole number at least 0 and at most 500; got -1.'],
    [['--method', 'gan'], 'method must be one of dae, cd, pcd, latent, conditional; got "gan".'],
  ])('refuses %j with exit code 2 and a sentence', async (flags, message) => {
    const { code, stderr } = await ebmLab(['train', 'ebm2d', ...flags]);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });
});
