import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { convPresets, type ConvLabConfig } from '../../../protocol/conv/config.js';
import { kernelPanelLayout, kernelPanelPrintOptions } from '../../../protocol/conv/picture.js';
import type { ArraysEvent, DoneEvent, MetricsEvent, TrainerEvent } from '../../../protocol/messages.js';
import type { StatusEvent } from '../../../protocol/messages.js';
import { selectBackend } from '../../../trainer/backend.js';
import { loadConvImages } from '../../../trainer/conv/data.js';
import { createTrainer } from '../../../trainer/trainer-core.js';

beforeAll(async () => {
  await selectBackend();
});

/** A trainer behind an in-memory port, started on one conv run; resolves when it is done. */
async function runConv(
  config: ConvLabConfig,
  onEvent: (event: TrainerEvent, send: (message: unknown) => void) => void = () => {},
): Promise<{ events: TrainerEvent[]; done: DoneEvent; runDir: string }> {
  const runDir = await mkdtemp(join(tmpdir(), 'ebm-conv-'));
  const events: TrainerEvent[] = [];
  let deliver: (message: unknown) => void = () => {};
  const trainer = createTrainer(
    {
      post: (e) => {
        events.push(e);
        onEvent(e, deliver);
      },
      onMessage: (l) => (deliver = l),
    },
    { timing: { viewsMs: 0, metricsMs: 0 } },
  );
  deliver({ type: 'start', runId: 'conv-1', runDir, lab: 'conv', config });
  const done = await trainer.finished;
  return { events, done, runDir };
}

const arrays = (events: readonly TrainerEvent[], view: string): ArraysEvent[] =>
  events.filter((e): e is ArraysEvent => e.type === 'arrays' && e.view === view);

const tinySweep: ConvLabConfig = { ...convPresets.tiny, mode: 'sweep', kernels: 4, steps: 3 };

describe('the convolutional sparse-coding experiment', () => {
  it('streams kernels, feature maps and one sweep row per n, and exports PNG and SVG that decode', async () => {
    const { events, done, runDir } = await runConv(tinySweep);
    expect(done.reason, done.message).toBe('completed');
    expect(done.message).toMatch(/Trained 3 models \(n = 1, 2, 4\) of 5×5/);

    const kernels = arrays(events, 'kernels');
    expect(new Set(kernels.map((e) => e.shapes.decoder?.[0]))).toEqual(new Set([1, 2, 4]));
    const last = kernels.at(-1)!;
    expect(last.shapes).toMatchObject({ encoder: [4, 5, 5], decoder: [4, 5, 5], gain: [4] });
    expect((last.arrays.decoder as Float32Array).every(Number.isFinite)).toBe(true);

    const maps = arrays(events, 'maps').at(-1)!;
    expect(maps.shapes).toEqual({ input: [16, 16], reconstruction: [16, 16], maps: [4, 16, 16] });

    const sweeps = arrays(events, 'sweep');
    expect(sweeps.map((e) => Array.from(e.arrays.counts as Float32Array))).toEqual([[1], [1, 2], [1, 2, 4]]);
    expect(sweeps.at(-1)).toMatchObject({ keep: true, shapes: { encoder: [7, 5, 5], decoder: [7, 5, 5] } });

    const metrics = events.filter((e): e is MetricsEvent => e.type === 'metrics' && e.split === 'train');
    expect(Object.keys(metrics[0]!.columns)).toEqual(
      expect.arrayContaining(['recon', 'sparsity', 'prediction', 'total', 'zeros', 'kernels']),
    );
    expect(metrics.flatMap((m) => Array.from(m.steps))).toEqual(Array.from({ length: 9 }, (_, i) => i + 1));

    const exports = join(runDir, 'exports');
    expect((await readdir(exports)).sort()).toEqual(['kernels.png', 'kernels.svg', 'sweep.png', 'sweep.svg']);
    const png = PNG.sync.read(await readFile(join(exports, 'sweep.png')));
    const rows = [1, 2, 4].map((n) => ({ label: `n = ${n}`, count: n }));
    const layout = kernelPanelLayout(rows, 5, kernelPanelPrintOptions(rows, 5));
    expect([png.width, png.height]).toEqual([layout.width, layout.height]);
    expect(Math.max(png.width, png.height)).toBeGreaterThanOrEqual(1000); // printable
    const svg = await readFile(join(exports, 'sweep.svg'), 'utf8');
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg.match(/<g transform=/g)).toHaveLength(2 * (1 + 2 + 4));
    for (const label of ['n = 1', 'n = 2', 'n = 4', 'encoder', 'decoder'])
      expect(svg).toContain(`>${label}</text>`);
    const kernelsPng = PNG.sync.read(await readFile(join(exports, 'kernels.png')));
    expect(Math.max(kernelsPng.width, kernelsPng.height)).toBeGreaterThanOrEqual(1000);
  });

  it('says in its status which model of the sweep trains ("model 2 of 3", n = 2) and how far it is', async () => {
    const { events } = await runConv(tinySweep);
    const sweeps = events
      .filter((e): e is StatusEvent => e.type === 'status' && e.state === 'running')
      .map((e) => e.sweep);
    expect(sweeps.every((s) => s !== undefined)).toBe(true);
    expect(sweeps.map((s) => `${s!.model} of ${s!.models} (${s!.label})`)).toEqual(
      expect.arrayContaining(['1 of 3 (n = 1)', '2 of 3 (n = 2)', '3 of 3 (n = 4)']),
    );
    expect(sweeps.every((s) => s!.modelSteps === 3 && s!.modelStep >= 0 && s!.modelStep <= 3)).toBe(true);
    const building = events.find((e): e is StatusEvent => e.type === 'status' && !!e.phase);
    expect(building?.phase?.message).toMatch(/building the model of n = 1/);
    const last = events.filter((e): e is StatusEvent => e.type === 'status').at(-1)!;
    expect(last.phase).toBeUndefined();
    expect(last.sweep).toMatchObject({ model: 3, models: 3, label: 'n = 4', modelStep: 3 }); // the final status
  });

  it('trains PSD (FISTA codes) and fills the prediction column', async () => {
    const { events, done } = await runConv({
      ...convPresets.tiny,
      mode: 'single',
      kernels: 2,
      variant: 'psd',
      inferenceSteps: 5,
    });
    expect(done.reason, done.message).toBe('completed');
    const metrics = events.filter((e): e is MetricsEvent => e.type === 'metrics');
    const prediction = metrics.flatMap((m) => Array.from(m.columns.prediction ?? []));
    expect(prediction.length).toBeGreaterThan(0);
    expect(prediction.every(Number.isFinite)).toBe(true);
  });

  it('takes λ live: the views after set-param report the new λ, and a bad λ is refused by name', async () => {
    let sent = false;
    const { events, done } = await runConv(
      { ...convPresets.tiny, mode: 'single', steps: 12 },
      (event, send) => {
        // After the second step's losses (metrics flush every step here), whatever the speed.
        if (sent || event.type !== 'metrics' || (event.steps.at(-1) ?? 0) < 2) return;
        sent = true;
        send({ type: 'set-param', runId: 'conv-1', name: 'lambda', value: 3 });
        send({ type: 'set-param', runId: 'conv-1', name: 'lambda', value: -2 });
      },
    );
    expect(done.reason, done.message).toBe('completed');
    const lambdas = arrays(events, 'kernels').map((e) => e.info?.lambda);
    expect(lambdas[0]).toBe(convPresets.tiny.lambda);
    expect(lambdas.at(-1)).toBe(3);
    expect(events.find((e) => e.type === 'error')).toMatchObject({
      field: 'lambda',
      message: expect.stringContaining('λ (sparsity) (lambda) must be a number at least 0'),
    });
  });

  it('fails with a sentence naming the folder when the photos cannot be read', async () => {
    const missing = join(tmpdir(), 'ebm-no-such-folder-4');
    const { events, done } = await runConv({
      ...tinySweep,
      data: { source: 'folder', folder: missing, preprocessing: 'lcn' },
    });
    expect(done.reason).toBe('failed');
    expect(events.find((e) => e.type === 'error')).toMatchObject({ field: 'data' });
    expect(done.message).toContain(`${missing}: cannot be read (no such folder)`);
    // A code for the window to word, the folder a parameter.
    expect(done).toMatchObject({ code: 'folderUnreadable', params: { folder: missing } });
  });

  it('fails naming the file when a photo is not an image', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'ebm-photos-'));
    await writeFile(join(folder, 'broken.png'), 'not a png at all');
    const { done } = await runConv({
      ...tinySweep,
      data: { source: 'folder', folder, preprocessing: 'lcn' },
    });
    expect(done.reason).toBe('failed');
    expect(done.message).toContain('broken.png');
  });

  it('refuses crops larger than the photos, naming the image size', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'ebm-photos-'));
    const png = new PNG({ width: 12, height: 10 });
    png.data.fill(200);
    await writeFile(join(folder, 'small.png'), PNG.sync.write(png));
    const { events, done } = await runConv({
      ...tinySweep,
      data: { source: 'folder', folder, preprocessing: 'lcn' },
    });
    expect(done.reason).toBe('failed');
    expect(events.find((e) => e.type === 'error')).toMatchObject({ field: 'imageSize' });
    expect(done.message).toMatch(
      /Crops of 16×16 \(image size\) are larger than the 1 photo of .* \(smallest side 10 px\)/,
    );
  });

  it('generates textured leaves: 16 contrast-normalised 128×128 images, the same for a seed', async () => {
    const config: ConvLabConfig = { ...tinySweep, data: { source: 'textured-leaves', preprocessing: 'lcn' } };
    const a = await loadConvImages(config);
    const b = await loadConvImages(config);
    const c = await loadConvImages({ ...config, seed: config.seed + 1 });
    if ('field' in a || 'field' in b || 'field' in c) throw new Error('textured leaves were refused');
    expect(a.description).toBe('16 textured-leaves images of 128×128, contrast-normalised');
    expect(a.images).toHaveLength(16);
    for (const image of a.images) {
      expect([image.width, image.height]).toEqual([128, 128]);
      expect(image.pixels.every(Number.isFinite)).toBe(true);
    }
    expect(Array.from(b.images[0]?.pixels ?? [])).toEqual(Array.from(a.images[0]?.pixels ?? []));
    expect(Array.from(c.images[0]?.pixels ?? [])).not.toEqual(Array.from(a.images[0]?.pixels ?? []));
    const { done } = await runConv(config);
    expect(done.reason).toBe('completed');
  });
});
