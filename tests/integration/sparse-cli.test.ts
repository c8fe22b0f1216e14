import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readNpyHeader } from '../../protocol/npy.js';
import { expectFiles, itRefuses, readJson, RUN_FOLDER, train } from './cli-helpers.js';

describe('ebm-lab train sparse', () => {
  it('learns the tiny preset through a real trainer process and writes a complete run folder', async () => {
    const { code, stdout, stderr, dir } = await train('sparse', '--preset', 'tiny');
    expect(code, stderr).toBe(0);
    expect(stdout).toContain('Learned 16 atoms in 2 epochs');
    await expectFiles(dir, [...RUN_FOLDER, 'exports']);
    expect(await readJson(join(dir, 'config.json'))).toMatchObject({
      lab: 'sparse',
      config: { atoms: 16, task: 'dictionary' },
    });
    expect((await readdir(join(dir, 'exports'))).sort()).toEqual([
      'dictionary.npy',
      'dictionary.png',
      'dictionary.svg',
    ]);
    const npy = new Uint8Array(await readFile(join(dir, 'exports', 'dictionary.npy')));
    expect(readNpyHeader(npy).shape).toEqual([16, 6, 6]);
    expect((await readdir(join(dir, 'views', 'history'))).length).toBeGreaterThan(3);
  });

  itRefuses('sparse', 'refuses %j with exit code 2 and the field named', [
    [['--lambda', '0'], 'λ (sparsity) (lambda) must be a number greater than 0 and at most 100; got 0.'],
    [['--atoms', '0'], 'atoms (atoms) must be a whole number at least 1 and at most 1024; got 0.'],
    [['--whitening', 'pca'], 'data.whitening must be one of olshausen-field, zca, none; got "pca".'],
    [['--codes', 'positive'], 'codes must be one of signed, non-negative; got "positive".'],
  ]);
});
