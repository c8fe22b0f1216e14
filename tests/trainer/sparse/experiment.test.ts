import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import type {
  ArraysEvent,
  BackendName,
  DoneEvent,
  MetricsEvent,
  StatusEvent,
  TrainerEvent,
} from '../../../protocol/messages.js';
import { readNpyHeader } from '../../../protocol/npy.js';
import { sparsePresets, type SparseConfig } from '../../../protocol/sparse/config.js';
import { createTrainer } from '../../../trainer/trainer-core.js';

/** Runs a config through a real trainer over an in-memory port. */
async function train(config: SparseConfig, runDir?: string, backend: BackendName = 'wasm') {
  const dir = runDir ?? (await mkdtemp(join(tmpdir(), 'ebm-sparse-')));
  const events: TrainerEvent[] = [];
  let deliver: (message: unknown) => void = () => {};
  const trainer = createTrainer(
    { post: (e) => events.push(e), onMessage: (l) => (deliver = l) },
    { timing: { viewsMs: 0 } },
  );
  deliver({ type: 'start', runId: 'run-1', runDir: dir, lab: 'sparse', config, backend });
  const done: DoneEvent = await trainer.finished;
  return { done, events, dir };
}

const arrays = (events: TrainerEvent[], view: string) =>
  events.filter((e): e is ArraysEvent => e.type === 'arrays' && e.view === view);

describe('the sparse-coding experiment', () => {
  it('learns a tiny dictionary on dead-leaves patches: metrics, unit atoms, snapshots, convergence and exports', async () => {
    const { done, events, dir } = await train(sparsePresets.tiny);
    expect(done, done.message).toMatchObject({ reason: 'completed' });
    expect(done.message).toMatch(/^Learned 16 atoms in 2 epochs .* % zeros; the dictionary is in exports\//);
    const points = events.filter((e): e is MetricsEvent => e.type === 'metrics' && e.split === 'train');
    const steps = points.flatMap((e) => Array.from(e.steps));
    expect(steps).toEqual(Array.from({ length: steps.length }, (_, i) => i + 1));
    for (const column of ['energy', 'reconstruction', 'sparsity', 'active'])
      expect(points.every((e) => e.columns[column]?.every(Number.isFinite))).toBe(true);
    // Active atoms per sample: the non-zero share of the codes times the 16 atoms.
    for (const e of points)
      e.columns.active!.forEach((a, i) => expect(a).toBeCloseTo((1 - e.columns.sparsity![i]!) * 16, 4));
    expect(events.filter((e) => e.type === 'metrics' && e.split === 'test')).toHaveLength(2);

    const dictionaries = arrays(events, 'dictionary');
    const last = dictionaries.at(-1)!;
    expect(last.shapes).toEqual({ atoms: [16, 6, 6], usage: [16] });
    const atoms = last.arrays.atoms as Float32Array;
    for (let j = 0; j < 16; j++) {
      const norm = Math.hypot(...atoms.subarray(j * 36, (j + 1) * 36));
      expect(norm).toBeCloseTo(1, 4);
    }
    const kept = dictionaries.filter((e) => e.keep).map((e) => e.step);
    expect(kept.slice(0, 4)).toEqual([0, 1, 2, 4]);
    expect(kept).toContain(steps.length);

    const gap = arrays(events, 'convergence').at(-1)!;
    const ista = gap.arrays.ista as Float32Array;
    const fista = gap.arrays.fista as Float32Array;
    expect(ista.length).toBe(301);
    // FISTA gets within 1 % of the first gap in fewer iterations than ISTA (both end at float32's floor).
    const within = (gaps: Float32Array) => gaps.findIndex((g) => g <= 0.01 * gaps[0]!);
    expect(within(fista)).toBeGreaterThan(0);
    expect(within(fista)).toBeLessThan(within(ista));
    expect(arrays(events, 'sample').at(-1)?.shapes).toEqual({
      input: [6, 6],
      reconstruction: [6, 6],
      code: [16],
    });

    const exportsDir = join(dir, 'exports');
    expect((await readdir(exportsDir)).sort()).toEqual([
      'dictionary.npy',
      'dictionary.png',
      'dictionary.svg',
    ]);
    const png = PNG.sync.read(await readFile(join(exportsDir, 'dictionary.png')));
    expect(Math.max(png.width, png.height)).toBeGreaterThanOrEqual(1000); // printable, not a thumbnail
    const svg = await readFile(join(exportsDir, 'dictionary.svg'), 'utf8');
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="\d+" height="\d+"/);
    expect(svg.match(/<image /g)).toHaveLength(16);
    const npy = new Uint8Array(await readFile(join(exportsDir, 'dictionary.npy')));
    expect(readNpyHeader(npy)).toMatchObject({ descr: '<f4', fortranOrder: false, shape: [16, 6, 6] });
    expect(await readdir(dir)).toEqual(expect.arrayContaining(['checkpoint.json', 'checkpoint.bin']));
  }, 60_000);

  it('runs on ONNX Runtime and says so: the same tiny run completes with unit atoms', async () => {
    const { done, events } = await train(sparsePresets.tiny, undefined, 'onnxruntime');
    expect(done, done.message).toMatchObject({ reason: 'completed' });
    const status = events.find((e): e is StatusEvent => e.type === 'status' && e.backend !== null);
    expect(status?.backend?.name).toBe('onnxruntime');
    // Status carries the trainer's memory (watched by the soak bench): its resident set and tensor count.
    const memory = events.filter((e): e is StatusEvent => e.type === 'status' && !!e.memory).at(-1)?.memory;
    expect(memory?.rssBytes).toBeGreaterThan(10 * 2 ** 20);
    expect(Number.isInteger(memory?.tensors) && (memory?.tensors ?? -1) >= 0).toBe(true);
    const atoms = arrays(events, 'dictionary').at(-1)!.arrays.atoms as Float32Array;
    for (let j = 0; j < 16; j++)
      expect(Math.hypot(...atoms.subarray(j * 36, (j + 1) * 36))).toBeCloseTo(1, 4);
  }, 60_000);

  it('trains LISTA after the dictionary and states its equivalence with FISTA', async () => {
    const { done, events } = await train({
      ...sparsePresets.tiny,
      task: 'lista',
      epochs: 1,
      listaIterations: 30,
    });
    expect(done.reason, done.message).toBe('completed');
    const lista = arrays(events, 'lista').at(-1)!;
    expect((lista.arrays.lista as Float32Array).length).toBe(4); // k = 0..K, K = 3
    expect(lista.info?.sentence).toMatch(/^LISTA with K = 3 reaches the error FISTA reaches after /);
    expect(done.message).toContain('LISTA with K = 3');
    const test = events.filter((e): e is MetricsEvent => e.type === 'metrics' && e.split === 'test').at(-1)!;
    expect(Object.keys(test.columns).sort()).toEqual(['fista', 'ista', 'lista']);
  }, 60_000);

  it('refuses patches larger than the photos, an empty folder and a broken image, naming them', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'ebm-photos-'));
    const small = new PNG({ width: 10, height: 12 });
    small.data.fill(200);
    await writeFile(join(folder, 'small.png'), PNG.sync.write(small));
    const photos = (f: string): SparseConfig => ({
      ...sparsePresets.tiny,
      data: { kind: 'patches', source: 'folder', folder: f, whitening: 'none' },
      patchSize: 16,
    });
    const tooBig = await train(photos(folder));
    expect(tooBig.done.reason).toBe('failed');
    expect(tooBig.events.find((e) => e.type === 'error')).toMatchObject({
      field: 'patchSize',
      message: expect.stringContaining('must be at most 10 pixels (the smallest side of the 1 photo of'),
    });
    const empty = join(folder, 'empty');
    await mkdir(empty);
    const none = await train(photos(empty));
    expect(none.events.find((e) => e.type === 'error')).toMatchObject({
      field: 'data',
      message: expect.stringContaining('no PNG or JPEG images in'),
    });
    await writeFile(join(folder, 'broken.jpg'), 'not a jpeg at all');
    const broken = await train(photos(folder));
    expect(broken.events.find((e) => e.type === 'error')).toMatchObject({
      field: 'data',
      message: expect.stringContaining('broken.jpg'),
    });
  }, 60_000);
});
