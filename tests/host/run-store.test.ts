import { appendFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type {
  LabEvent,
  MetricsEvent,
  ScatterEvent,
  StartSpec,
  TrainerEvent,
} from '../../protocol/messages.js';
import { vaePresets } from '../../protocol/vae/config.js';
import { defaultDenoiserConfig } from '../../protocol/dae/config.js';
import { sparsePresets } from '../../protocol/sparse/config.js';
import { readMetricsLog } from '../../host/run-files.js';
import { METRICS_FILE, STATUS_FILE } from '../../host/run-layout.js';
import { replayRun } from '../../host/run-replay.js';
import { createRunStore, type RunStore } from '../../host/run-store.js';
import { createRunWriter } from '../../host/run-writer.js';
import { saidAsIs } from '../../protocol/texts.js';

const spec: StartSpec = { lab: 'vae', config: vaePresets.tiny };
let root = '';
let store: RunStore;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'ebm-runs-'));
  store = createRunStore(root);
});

const metrics = (runId: string, split: 'train' | 'test', steps: number[]): MetricsEvent => ({
  type: 'metrics',
  runId,
  split,
  steps: Float64Array.from(steps),
  epochs: Float64Array.from(steps, (s) => s / 10),
  columns: {
    recon: Float32Array.from(steps, (s) => 500 - s),
    kl: Float32Array.from(steps, () => 3),
    total: Float32Array.from(steps, (s) => 503 - s),
  },
});

const scatter = (runId: string): ScatterEvent => ({
  type: 'scatter',
  runId,
  step: 20,
  epoch: 2,
  latentDim: 2,
  labels: Uint8Array.from([3, 8]),
  means: Float32Array.from([0.5, -1, 2, 0.25]),
  sigmas: Float32Array.from([0.1, 0.2, 0.3, 0.4]),
  points: Float32Array.from([0.5, -1, 2, 0.25]),
  spreads: Float32Array.from([0.1, 0.2, 0.3, 0.4]),
  projection: null,
});

describe('the run store', () => {
  it('names run folders by time, variant and latent size', async () => {
    const { runId } = await store.create(spec, null, new Date('2026-11-24T15:02:11Z'));
    expect(runId).toMatch(/^2026-11-24T15-02-11-vae-d2-[0-9a-f]{4}$/);
    expect(await readdir(join(root, runId))).toEqual(
      expect.arrayContaining(['config.json', 'metrics.jsonl', 'status.json', 'views']),
    );
  });

  it('skips a torn last line of the metrics log', async () => {
    const { runId, dir } = await store.create(spec, null);
    const writer = createRunWriter(dir, await store.readConfig(runId));
    writer.record(metrics(runId, 'train', [1, 2, 3]));
    await writer.flush();
    await appendFile(join(dir, METRICS_FILE), '{"split":"train","step":4,"epo');
    const points = await readMetricsLog(join(dir, METRICS_FILE));
    expect(points.map((p) => p.step)).toEqual([1, 2, 3]);
    expect(points[2]).toEqual({
      split: 'train',
      step: 3,
      epoch: 0.3,
      columns: { recon: 497, kl: 3, total: 500 },
    });
  });

  it('replays a finished run: opened, status, metrics in column form, views with their arrays, done', async () => {
    const { runId, dir } = await store.create(spec, null);
    const writer = createRunWriter(dir, await store.readConfig(runId));
    const events: TrainerEvent[] = [
      {
        type: 'status',
        runId,
        state: 'running',
        backend: { name: 'wasm', reason: 'r' },
        epoch: 0,
        step: 0,
        stepsPerEpoch: 10,
        totalSteps: 20,
        samplesPerSecond: 0,
      },
      metrics(runId, 'train', [1, 2, 3]),
      metrics(runId, 'train', [4, 5]),
      metrics(runId, 'test', [10]),
      scatter(runId),
      { type: 'checkpoint', runId, step: 10, epoch: 1, file: 'checkpoint.json' },
      {
        type: 'status',
        runId,
        state: 'done',
        backend: { name: 'wasm', reason: 'r' },
        epoch: 2,
        step: 20,
        stepsPerEpoch: 10,
        totalSteps: 20,
        samplesPerSecond: 9,
      },
      { type: 'done', runId, reason: 'completed', ...saidAsIs('Trained.') },
    ];
    events.forEach((e) => writer.record(e));
    await writer.flush();
    const replay = await replayRun(store, runId, 'req-1', false);
    expect(replay.map((e) => e.type)).toEqual([
      'run-opened',
      'status',
      'metrics',
      'metrics',
      'scatter',
      'checkpoint',
      'done',
    ]);
    const [opened, status, train, test, view] = replay as [
      LabEvent,
      LabEvent,
      MetricsEvent,
      MetricsEvent,
      ScatterEvent,
    ];
    expect(opened).toMatchObject({
      type: 'run-opened',
      requestId: 'req-1',
      runId,
      lab: 'vae',
      config: vaePresets.tiny,
    });
    expect(status).toMatchObject({ state: 'done', step: 20, backend: { name: 'wasm' } });
    expect([...train.steps]).toEqual([1, 2, 3, 4, 5]);
    expect([...(train.columns.total ?? [])]).toEqual([502, 501, 500, 499, 498]);
    expect(test.split).toBe('test');
    expect(view.labels).toEqual(Uint8Array.from([3, 8]));
    expect(view.spreads).toEqual(Float32Array.from([0.1, 0.2, 0.3, 0.4]));
    expect(view.means).toBeInstanceOf(Float32Array);
    expect((await store.list())[0]).toMatchObject({ runId, state: 'done', lastStep: 20, lastTestLoss: 493 });
  });

  it('reports a run left mid-way, and not live, as failed with its metrics', async () => {
    const { runId, dir } = await store.create(spec, null);
    const writer = createRunWriter(dir, await store.readConfig(runId));
    writer.record(metrics(runId, 'train', [1, 2]));
    await writer.flush();
    const replay = await replayRun(store, runId, 'r', false);
    expect(replay.at(-1)).toMatchObject({
      type: 'done',
      reason: 'failed',
      message: expect.stringContaining('step 2'),
    });
    expect(replay[1]).toMatchObject({ type: 'status', state: 'failed' });
  });

  it("keeps as a run's last test value its lab's headline column (protocol/<lab>/metrics.ts)", async () => {
    const point = (runId: string, columns: Record<string, number>): MetricsEvent => ({
      type: 'metrics',
      runId,
      split: 'test',
      steps: Float64Array.of(10),
      epochs: Float64Array.of(1),
      columns: Object.fromEntries(Object.entries(columns).map(([k, v]) => [k, Float32Array.of(v)])),
    });
    const dae = await store.create({ lab: 'dae', config: defaultDenoiserConfig }, null);
    const sparse = await store.create({ lab: 'sparse', config: sparsePresets.tiny }, null);
    const record = async (run: { runId: string; dir: string }, columns: Record<string, number>) => {
      const writer = createRunWriter(run.dir, await store.readConfig(run.runId));
      writer.record(point(run.runId, columns));
      await writer.flush();
    };
    await record(dae, { loss: 0.25 });
    await record(sparse, { energy: 0.5, reconstruction: 0.125, sparsity: 0.75, active: 4 });
    const byId = async () => new Map((await store.list()).map((r) => [r.runId, r.lastTestLoss]));
    expect((await byId()).get(dae.runId)).toBe(0.25);
    expect((await byId()).get(sparse.runId)).toBe(0.5);
    // Without status.json the store reads the headline from the metrics log.
    await rm(join(dae.dir, STATUS_FILE));
    expect((await byId()).get(dae.runId)).toBe(0.25);
  });

  it('writes exports under the run folder', async () => {
    const { runId, dir } = await store.create(spec, null);
    const file = await store.saveExport(runId, 'loss.csv', new TextEncoder().encode('step,total\n1,500\n'));
    expect(file).toBe(join('exports', 'loss.csv'));
    expect(await readFile(join(dir, file), 'utf8')).toBe('step,total\n1,500\n');
  });

  it.each([['../escape.png'], ['../../escape.png'], ['/tmp/escape.png'], ['sub/../../escape.png']])(
    'refuses an export named %s that would leave the exports folder',
    async (name) => {
      const { runId } = await store.create(spec, null);
      await expect(store.saveExport(runId, name, new Uint8Array([1]))).rejects.toThrow(
        /does not name a file inside/,
      );
    },
  );

  it.each([['..'], ['../other'], ['/etc']])('refuses a run id %s outside the runs folder', async (runId) => {
    await writeFile(join(root, 'marker'), '');
    await expect(store.saveExport(runId, 'x.png', new Uint8Array([1]))).rejects.toThrow();
    expect(() => store.runDir(runId)).toThrow(/does not name a file inside/);
  });
});

describe('generic views and snapshots', () => {
  const atoms = (runId: string, step: number, keep: boolean): TrainerEvent => ({
    type: 'arrays',
    runId,
    view: 'dictionary',
    step,
    arrays: { atoms: Float32Array.from({ length: 8 }, (_, i) => i * step) },
    shapes: { atoms: [2, 2, 2] },
    info: { lambda: 0.5, note: 'strokes' },
    keep,
  });

  it('keeps the latest arrays view, and snapshots in step order for stepping back', async () => {
    const { runId, dir } = await store.create(spec, null);
    const writer = createRunWriter(dir, { ...spec, createdAt: '', backend: null }, 5);
    writer.record(atoms(runId, 10, true));
    writer.record(atoms(runId, 20, true));
    writer.record(atoms(runId, 25, false));
    writer.record({ type: 'done', runId, reason: 'completed', ...saidAsIs('ok') });
    await writer.flush();
    expect(await readdir(join(dir, 'views', 'history'))).toEqual([
      'arrays-dictionary-0000000010.bin',
      'arrays-dictionary-0000000020.bin',
    ]);
    const events = await replayRun(store, runId, 'r1', false);
    const arrays = events.filter((e): e is Extract<LabEvent, { type: 'arrays' }> => e.type === 'arrays');
    // two snapshots (oldest first), then the latest view
    expect(arrays.map((e) => [e.step, e.keep])).toEqual([
      [10, true],
      [20, true],
      [25, false],
    ]);
    const latest = arrays[2]!;
    expect(Array.from(latest.arrays.atoms!)).toEqual(Array.from({ length: 8 }, (_, i) => i * 25));
    expect(latest.shapes.atoms).toEqual([2, 2, 2]);
    expect(latest.info).toEqual({ lambda: 0.5, note: 'strokes' });
  });

  it('lists runs with a label from their lab', async () => {
    await store.create(spec, null);
    const [summary] = await store.list();
    expect(summary?.label).toBe('VAE · d = 2');
  });
});
