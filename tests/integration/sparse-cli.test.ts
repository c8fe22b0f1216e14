import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readNpyHeader } from '../../protocol/npy.js';

const bin = fileURLToPath(new URL('../../bin/ebm-lab.mjs', import.meta.url));

function ebmLab(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

describe('ebm-lab train sparse', () => {
  it('learns the tiny preset through a real trainer process and writes a complete run folder', async () => {
    const runsDir = await mkdtemp(join(tmpdir(), 'ebm-cli-sparse-'));
    const { code, stdout, stderr } = await ebmLab([
      'train',
      'sparse',
      '--preset',
      'tiny',
      '--runs-dir',
      runsDir,
    ]);
    expect(code, stderr).toBe(0);
    const [runId] = await readdir(runsDir);
    const dir = join(runsDir, runId ?? '');
    expect(stdout).toContain('Learned 16 atoms in 2 epochs');
    expect(await readdir(dir)).toEqual(
      expect.arrayContaining([
        'config.json',
        'metrics.jsonl',
        'status.json',
        'checkpoint.json',
        'views',
        'exports',
      ]),
    );
    const config = JSON.parse(await readFile(join(dir, 'config.json'), 'utf8')) as Record<string, unknown>;
    expect(config).toMatchObject({ lab: 'sparse', config: { atoms: 16, task: 'dictionary' } });
    expect((await readdir(join(dir, 'exports'))).sort()).toEqual([
      'dictionary.npy',
      'dictionary.png',
      'dictionary.svg',
    ]);
    const npy = new Uint8Array(await readFile(join(dir, 'exports', 'dictionary.npy')));
    expect(readNpyHeader(npy).shape).toEqual([16, 6, 6]);
    expect((await readdir(join(dir, 'views', 'history'))).length).toBeGreaterThan(3);
  });

  it.each([
    [['--lambda', '0'], 'λ (sparsity) (lambda) must be a number greater than 0 and at most 100; got 0.'],
    [['--atoms', '0'], 'atoms (atoms) must be a whole number at least 1 and at most 1024; got 0.'],
    [['--whitening', 'pca'], 'data.whitening must be one of olshausen-field, zca, none; got "pca".'],
  ])('refuses %j with exit code 2 and the field named', async (flags, message) => {
    const { code, stderr } = await ebmLab(['train', 'sparse', ...flags]);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });
});
