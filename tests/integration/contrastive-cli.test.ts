import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectFiles, itRefuses, readJson, RUN_FOLDER, train } from './cli-helpers.js';

describe('ebm-lab train contrastive', () => {
  it('trains the tiny preset through a real trainer process and writes the probe into the run folder', async () => {
    const flags = ['--preset', 'tiny', '--temperature', '0.5', '--elastic', 'off'];
    const { code, stdout, stderr, dir } = await train('contrastive', ...flags);
    expect(code, stderr).toBe(0);
    expect(stderr).toContain('linear probe before training: random encoder');
    expect(stderr).toMatch(/epoch 2: linear probe test accuracy \d+\.\d %/);
    expect(stdout).toMatch(/Trained SimCLR · τ = 0\.5 · N = 16 for 2 epochs .*exports\/probe\.json/);
    await expectFiles(dir, [...RUN_FOLDER, 'exports']);
    expect(await readJson(join(dir, 'config.json'))).toMatchObject({
      lab: 'contrastive',
      config: { temperature: 0.5, batchSize: 16, augment: { elastic: { on: false } } },
    });
    const probe = JSON.parse(await readFile(join(dir, 'exports', 'probe.json'), 'utf8')) as {
      final: { testAccuracy: number };
      pixels: { testAccuracy: number };
    };
    expect(probe.final.testAccuracy).toBeGreaterThan(0.1);
    expect(probe.pixels.testAccuracy).toBeGreaterThan(0.5);
    const history = await readdir(join(dir, 'views', 'history'));
    expect(history.some((f) => f.includes('embedding'))).toBe(true);
  });

  itRefuses('contrastive', 'refuses %j with exit code 2 and the field named', [
    [
      ['--temperature', '0'],
      'temperature τ (temperature) must be a number at least 0.01 and at most 10; got 0.',
    ],
    [['--heads', 'many'], 'heads must be one of shared, separate; got "many".'],
    [
      ['--rotation', '500'],
      '(augment.rotation.strength) must be a number at least 0 and at most 180; got 500.',
    ],
  ]);
});
