import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../../bin/ebm-lab.mjs', import.meta.url));

function ebmLab(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

describe('ebm-lab train contrastive', () => {
  it('trains the tiny preset through a real trainer process and writes the probe into the run folder', async () => {
    const runsDir = await mkdtemp(join(tmpdir(), 'ebm-cli-contrastive-'));
    const { code, stdout, stderr } = await ebmLab([
      'train',
      'contrastive',
      '--preset',
      'tiny',
      '--temperature',
      '0.5',
      '--elastic',
      'off',
      '--runs-dir',
      runsDir,
    ]);
    expect(code, stderr).toBe(0);
    expect(stderr).toContain('linear probe before training: random encoder');
    expect(stderr).toMatch(/epoch 2: linear probe test accuracy \d+\.\d %/);
    expect(stdout).toMatch(/Trained SimCLR · τ = 0\.5 · N = 16 for 2 epochs .*exports\/probe\.json/);
    const [runId] = await readdir(runsDir);
    const dir = join(runsDir, runId ?? '');
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
    expect(config).toMatchObject({
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

  it.each([
    [
      ['--temperature', '0'],
      'temperature τ (temperature) must be a number at least 0.01 and at most 10; got 0.',
    ],
    [['--heads', 'many'], 'heads must be one of shared, separate; got "many".'],
    [
      ['--rotation', '500'],
      '(augment.rotation.strength) must be a number at least 0 and at most 180; got 500.',
    ],
  ])('refuses %j with exit code 2 and the field named', async (flags, message) => {
    const { code, stderr } = await ebmLab(['train', 'contrastive', ...flags]);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });
});
