import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { readMetricsLog } from '../../host/run-files.js';
import { ebmLab, readJson, train } from './cli-helpers.js';

describe('ebm-lab train conv', () => {
  it('runs a tiny sweep in a real trainer process and writes the kernels and the sweep as PNG and SVG', async () => {
    const flags = ['--preset', 'tiny', '--sweep', '4', '--steps', '4'];
    const { code, stdout, stderr, runId, dir } = await train('conv', ...flags);
    expect(code, stderr).toBe(0);
    expect(runId).toMatch(/conv-sweep-4/);
    expect(stdout).toContain(`Run folder: ${dir}`);
    expect(stdout).toMatch(/Trained 3 models \(n = 1, 2, 4\) of 5×5 for 4 steps each/);
    expect(await readJson(join(dir, 'config.json'))).toMatchObject({
      lab: 'conv',
      config: { mode: 'sweep', kernels: 4, steps: 4 },
    });
    const points = await readMetricsLog(join(dir, 'metrics.jsonl'));
    expect(points.filter((p) => p.split === 'train').map((p) => p.step)).toEqual(
      Array.from({ length: 12 }, (_, i) => i + 1),
    );
    const exports = join(dir, 'exports');
    expect((await readdir(exports)).sort()).toEqual(['kernels.png', 'kernels.svg', 'sweep.png', 'sweep.svg']);
    expect(PNG.sync.read(await readFile(join(exports, 'sweep.png'))).height).toBeGreaterThan(50);
    expect(await readFile(join(exports, 'sweep.svg'), 'utf8')).toContain('>n = 4</text>');
  });

  it('refuses a kernel larger than the image with exit code 2 and a sentence naming both', async () => {
    const { code, stderr } = await ebmLab(['train', 'conv', '--kernel-size', '15', '--image-size', '12']);
    expect(code).toBe(2);
    expect(stderr).toContain(
      'The kernel (kernel size k = 15, 15×15) is larger than the image (image size 12×12)',
    );
  });

  it('refuses n outside 1, 2, 4 … 64', async () => {
    const { code, stderr } = await ebmLab(['train', 'conv', '--sweep', '128']);
    expect(code).toBe(2);
    expect(stderr).toContain(
      '--sweep must be one of 1, 2, 4, 8, 16, 32, 64 (the largest n of the sweep); got "128".',
    );
    const negative = await ebmLab(['train', 'conv', '--sweep', '-1']);
    expect(negative.stderr).toContain('--sweep must be one of 1, 2, 4, 8, 16, 32, 64'); // not "kernels n"
    const single = await ebmLab(['train', 'conv', '--kernels', '128']);
    expect(single.stderr).toContain(
      'kernels n (kernels) must be a whole number at least 1 and at most 64; got 128',
    );
  });
});
