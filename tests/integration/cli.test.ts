import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readMetricsLog } from '../../host/run-files.js';
import { STATUS_FILE } from '../../host/run-layout.js';
import { createRunStore } from '../../host/run-store.js';
import { vaePresets } from '../../protocol/vae/config.js';
import { readCheckpoint } from '../../trainer/checkpoint.js';
import { ebmLab, expectFiles, readJson, RUN_FOLDER, tempRunsDir, train, trainInto } from './cli-helpers.js';

describe('ebm-lab train vae', () => {
  it('trains the tiny preset through a real trainer process and writes a complete run folder', async () => {
    const { code, stdout, stderr, runsDir, runId, dir } = await train('vae', '--preset', 'tiny');
    expect(stderr).toMatch(
      /Backend: onnxruntime \(onnxruntime-node \d+\.\d+\.\d+ runs the compiled training step and views on the CPU, \d+ threads?( \(not on the GPU: .*\))?\)/,
    );
    expect(code, stderr).toBe(0);
    expect(stdout).toContain(`Run folder: ${dir}`);
    await expectFiles(dir, [...RUN_FOLDER, 'checkpoint.bin']);
    const config = await readJson(join(dir, 'config.json'));
    expect(config).toMatchObject({
      lab: 'vae',
      config: { hiddenDim: 32, epochs: 1 },
      backend: { name: 'onnxruntime' },
    });
    // config.json learns the trainer's own reason (its thread count), not the host's guess.
    expect((config.backend as { reason: string }).reason).toMatch(
      /runs the compiled training step and views on the CPU, \d+ threads?/,
    );
    const points = await readMetricsLog(join(dir, 'metrics.jsonl'));
    const trainPoints = points.filter((p) => p.split === 'train');
    expect(trainPoints.map((p) => p.step)).toEqual(Array.from({ length: 141 }, (_, i) => i + 1));
    expect(points.filter((p) => p.split === 'test')).toHaveLength(1);
    expect(await readJson(join(dir, 'status.json'))).toMatchObject({
      state: 'done',
      lastStep: 141,
      doneReason: 'completed',
      checkpointStep: 141,
    });
    expect((await readCheckpoint(dir)).index.step).toBe(141);
    const views = ['dataset.bin', 'scatter.bin', 'decoder.bin', 'images-samples.bin', 'images-manifold.bin'];
    await expectFiles(join(dir, 'views'), views);
    const listed = await ebmLab(['runs', '--runs-dir', runsDir]);
    expect(listed.stdout).toContain(`${runId}  done`);
  });

  it.each([
    [['--beta', '-1'], 'β (KL weight) (beta) must be a number at least 0 and at most 100; got -1.'],
    [
      ['--latent-dim', '0'],
      'latent size d (latentDim) must be a whole number at least 1 and at most 64; got 0.',
    ],
    [
      ['--learning-rate', 'abc'],
      'learning rate (learningRate) must be a number greater than 0 and at most 1; got "abc".',
    ],
    [
      ['--batch-size', '9001'],
      'batch size (batchSize) must be a whole number at least 1 and at most 9000 (the training digits); got 9001.',
    ],
    [
      ['--backend', 'quantum'],
      '--backend must be one of onnxruntime-gpu, onnxruntime, tensorflow-gpu, tensorflow, wasm, cpu; got "quantum".',
    ],
    [['--threads', '0'], '--threads must be a whole number from 1 to 256; got "0".'],
    [['--bogus', '1'], 'Unknown option --bogus'],
  ])('refuses %j with exit code 2 and the sentence of the field', async (flags, sentence) => {
    const { code, stderr, runsDir } = await train('vae', '--preset', 'tiny', ...flags);
    expect(code).toBe(2);
    expect(stderr).toContain(sentence);
    expect(await readdir(runsDir)).toEqual([]);
  });

  it('fails with exit code 1, names the file and leaves no run folder when an IDX file is missing', async () => {
    const runsDir = await tempRunsDir('ebm-cli-');
    const missing = join(runsDir, 'train-images-idx3-ubyte.gz');
    const flags = ['--preset', 'tiny', '--images', missing, '--labels', missing];
    const { code, stdout, stderr } = await trainInto(runsDir, 'vae', ...flags);
    expect(code).toBe(1);
    expect(stderr).toContain(`${missing}: cannot be read (no such file).`);
    // A refused start leaves no run folder, and names none.
    expect(await readdir(runsDir)).toEqual([]);
    expect(stdout).not.toContain('Run folder:');
  });
});

describe('ebm-lab runs', () => {
  it('lists a run that no live host records as failed, as the app does (not as running), and damaged folders', async () => {
    const runsDir = await tempRunsDir('ebm-cli-runs-');
    const store = createRunStore(runsDir);
    const { runId } = await store.create({ lab: 'vae', config: vaePresets.tiny }, null);
    const statusFile = join(runsDir, runId, STATUS_FILE);
    const status = await readJson(statusFile);
    // Left 'running' by a host that is gone (this test's process is alive, so name another pid).
    await writeFile(statusFile, JSON.stringify({ ...status, state: 'running', hostPid: 2 ** 22 + 4321 }));
    await mkdir(join(runsDir, 'broken-run'));
    await writeFile(join(runsDir, 'broken-run', 'config.json'), '{"lab": "va');
    const listed = await ebmLab(['runs', '--runs-dir', runsDir]);
    expect(listed.stdout).toContain(`${runId}  failed`);
    expect(listed.stdout).toContain('broken-run  damaged  config.json of run broken-run is not valid JSON');
  });
});
