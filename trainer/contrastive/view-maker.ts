/**
 * Who makes the augmented views of a batch: augmentation workers (node:worker_threads), so
 * that the next batch's views are made while the engine trains on the current one, or the
 * trainer thread itself. Either way a batch's views are makeViewPair(pixels, seed)
 * (models/contrastive/augment.ts): the same for the same seed, whoever made them.
 *
 *   make(batch k + 1) ──→ worker ─┐            (requests go round the workers in turn;
 *   train(batch k)  ←── views ←───┘             replies are matched by id)
 *
 * A worker that fails to start or later is dropped and its batches are made in the thread (the
 * same views); close() terminates every worker, so none keeps the process alive, and abandons
 * the batches they still owed.
 */
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { AugmentConfig } from '../../models/contrastive/augment-config.js';
import { makeViewPair } from '../../models/contrastive/augment.js';

/** A batch to augment: `count` images [count·784] and the seed of its views. */
export interface ViewBatch {
  readonly pixels: Float32Array;
  readonly count: number;
  readonly seed: number;
}

export interface ViewRequest extends ViewBatch {
  readonly id: number;
}

export interface ViewReply {
  readonly id: number;
  /** [2·count·784]: the first views, then the second views. */
  readonly views: Float32Array;
}

export interface ViewMaker {
  /** Workers in use (0: the views are made in this thread). */
  readonly workers: number;
  /** Both views of the batch [2·count·784]: first views, then second views. */
  make(batch: ViewBatch): Promise<Float32Array>;
  /**
   * Terminates the workers; batches still pending with them are abandoned (never settle), later
   * ones are made in this thread.
   */
  close(): Promise<void>;
}

interface Pending {
  readonly batch: ViewBatch;
  resolve(views: Float32Array): void;
  reject(error: unknown): void;
}

/** The worker script next to this file (view-worker.ts from source, .js compiled). */
const workerScript = (): URL =>
  new URL(import.meta.url.endsWith('.ts') ? './view-worker.ts' : './view-worker.js', import.meta.url);

/**
 * A worker running `script`. A .ts script (running from source) is loaded through tsx, which
 * the worker registers first: a worker's execArgv '--import tsx' does not reach its entry
 * module (Node 20 fails it with ERR_UNKNOWN_FILE_EXTENSION).
 */
function startWorker(script: URL, workerData: unknown): Worker {
  if (!script.pathname.endsWith('.ts')) return new Worker(fileURLToPath(script), { workerData });
  // tsx's ESM API, index.mjs beside the index.cjs that require.resolve finds (the CommonJS
  // build's register() fails to find its own ESM half from a worker).
  const api = createRequire(import.meta.url)
    .resolve('tsx/esm/api')
    .replace(/\.cjs$/, '.mjs');
  const boot = `import(${JSON.stringify(pathToFileURL(api).href)})
    .then((tsx) => tsx.register())
    .then(() => import(${JSON.stringify(script.href)}));`;
  return new Worker(boot, { eval: true, workerData });
}

const inThread = (config: AugmentConfig, batch: ViewBatch): Float32Array =>
  makeViewPair(batch.pixels, batch.count, config, batch.seed);

/** Views made in the calling thread. */
export function createInlineViewMaker(config: AugmentConfig): ViewMaker {
  return {
    workers: 0,
    make: async (batch) => inThread(config, batch),
    close: async () => {},
  };
}

/**
 * Views made by `count` workers (≥ 1), batches dealt round them in turn. `script` replaces the
 * worker script (tests: one that fails).
 */
export function createWorkerViewMaker(config: AugmentConfig, count: number, script?: URL): ViewMaker {
  const url = script ?? workerScript();
  const pending = new Map<number, Pending>();
  const owner = new Map<number, Worker>();
  const workers: Worker[] = [];
  let nextId = 0;
  let turn = 0;

  let closed = false;

  /**
   * Stops dealing to `worker` and makes the batches it still owed in this thread; once closed,
   * they are abandoned instead (nobody waits for them: the run is over).
   */
  const drop = (worker: Worker) => {
    const at = workers.indexOf(worker);
    if (at >= 0) workers.splice(at, 1);
    for (const [id, job] of pending) {
      if (owner.get(id) !== worker) continue;
      pending.delete(id);
      owner.delete(id);
      if (closed) continue;
      try {
        job.resolve(inThread(config, job.batch));
      } catch (error) {
        job.reject(error);
      }
    }
  };

  for (let i = 0; i < count; i++) {
    let worker: Worker;
    try {
      worker = startWorker(url, { config });
    } catch {
      break; // no workers here (e.g. a packaging that cannot start them): the thread makes the views
    }
    worker.on('message', (reply: ViewReply) => {
      const job = pending.get(reply.id);
      pending.delete(reply.id);
      owner.delete(reply.id);
      job?.resolve(reply.views);
    });
    worker.on('error', () => drop(worker));
    worker.on('exit', () => drop(worker));
    workers.push(worker);
  }

  return {
    get workers() {
      return workers.length;
    },
    make(batch) {
      const worker = workers[turn++ % Math.max(workers.length, 1)];
      if (!worker) return Promise.resolve().then(() => inThread(config, batch));
      const id = nextId++;
      const request: ViewRequest = { id, ...batch };
      const result = new Promise<Float32Array>((resolve, reject) => {
        pending.set(id, { batch, resolve, reject });
        owner.set(id, worker);
      });
      worker.postMessage(request);
      return result;
    },
    async close() {
      closed = true;
      const all = workers.splice(0);
      await Promise.all(all.map((w) => w.terminate()));
      for (const w of all) drop(w);
    },
  };
}
