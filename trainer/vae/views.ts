/**
 * The heavy views of a VAE run, computed from the current model and sent as typed arrays:
 * reconstructions of 16 fixed test digits, 16 samples decoded from a fixed z ~ N(0, I)
 * (so they change only with the model), the scatter of the test set's latent means with
 * σ as bubbles, the decoder's weights (for decoding under the pointer), and for d = 2 the
 * decoded manifold on a grid (Kingma & Welling 2014, fig. 4).
 * The model's engine computes them (ONNX Runtime or TensorFlow.js), from host arrays; how often
 * they go out is the run control's view budget (trainer/run-control.ts).
 */
import type { VaeModel } from '../../models/vae/vae-api.js';
import type {
  DatasetEvent,
  DecoderEvent,
  ImagesEvent,
  ScatterEvent,
  TrainerEvent,
} from '../../protocol/messages.js';
import { toBytes, type Digits } from '../data/digits.js';
import { projectLatents, type LatentProjection } from './latent-projection.js';

export interface ViewContext {
  readonly runId: string;
  readonly model: VaeModel;
  /** The 16 test digits shown as originals and reconstructions. */
  readonly shown: Digits;
  /** The test digits of the scatter and the dataset event (≤ 1000). */
  readonly scatterDigits: Digits;
  /** Fixed codes of the samples view, [16, d]. */
  readonly sampleZ: Float32Array;
}

/** Cells per side of the d = 2 manifold grid. */
export const MANIFOLD_SIZE = 20;
const SHOWN_COLUMNS = 8;

function images(
  ctx: ViewContext,
  view: string,
  step: number,
  probs: Float32Array,
  count: number,
  columns: number,
): ImagesEvent {
  const { width, height } = ctx.shown;
  return {
    type: 'images',
    runId: ctx.runId,
    view,
    step,
    width,
    height,
    count,
    columns,
    pixels: toBytes(probs),
  };
}

export function datasetEvent(ctx: ViewContext): DatasetEvent {
  const d = ctx.scatterDigits;
  return {
    type: 'dataset',
    runId: ctx.runId,
    width: d.width,
    height: d.height,
    labels: d.labels.slice(),
    pixels: toBytes(d.pixels),
  };
}

export function originalsEvent(ctx: ViewContext): ImagesEvent {
  return images(ctx, 'originals', 0, ctx.shown.pixels, ctx.shown.count, SHOWN_COLUMNS);
}

export async function reconstructionsEvent(ctx: ViewContext, step: number): Promise<ImagesEvent> {
  const probs = await ctx.model.reconstruct(ctx.shown.pixels); // [16, 784]
  return images(ctx, 'reconstructions', step, probs, ctx.shown.count, SHOWN_COLUMNS);
}

export async function samplesEvent(ctx: ViewContext, step: number): Promise<ImagesEvent> {
  const d = ctx.model.shape.latentDim;
  const count = ctx.sampleZ.length / d;
  const probs = await ctx.model.decode(ctx.sampleZ); // [16, 784]
  return images(ctx, 'samples', step, probs, count, SHOWN_COLUMNS);
}

/** μ [n, d] and σ [n, d] (σ = exp(½ log σ²); null for the classic autoencoder). */
async function encodeScatter(
  ctx: ViewContext,
): Promise<{ means: Float32Array; sigmas: Float32Array | null }> {
  const { mu, logvar } = await ctx.model.encode(ctx.scatterDigits.pixels); // [n, d] each
  return { means: mu, sigmas: logvar ? logvar.map((v) => Math.exp(0.5 * v)) : null };
}

export async function scatterEvent(
  ctx: ViewContext,
  step: number,
  epoch: number,
  previous: LatentProjection | null,
): Promise<{ event: ScatterEvent; projection: LatentProjection | null }> {
  const { means, sigmas } = await encodeScatter(ctx);
  const d = ctx.model.shape.latentDim;
  const drawn = projectLatents(means, sigmas, d, previous);
  const event: ScatterEvent = {
    type: 'scatter',
    runId: ctx.runId,
    step,
    epoch,
    latentDim: d,
    labels: ctx.scatterDigits.labels.slice(),
    means,
    sigmas,
    points: drawn.points,
    spreads: drawn.spreads,
    projection: drawn.projection,
  };
  return { event, projection: drawn.projection };
}

export interface Extent {
  readonly xMin: number;
  readonly xMax: number;
  readonly yMin: number;
  readonly yMax: number;
}

/**
 * The d = 2 manifold: a MANIFOLD_SIZE² grid of decodes whose cells tile `extent`; cell
 * (row r, column c) is centred at x = xMin + (c + ½)·Δx, y = yMax − (r + ½)·Δy (row 0 on top).
 */
export async function manifoldEvent(ctx: ViewContext, step: number, extent: Extent): Promise<ImagesEvent> {
  const n = MANIFOLD_SIZE;
  const z = new Float32Array(n * n * 2);
  const dx = (extent.xMax - extent.xMin) / n;
  const dy = (extent.yMax - extent.yMin) / n;
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      z[2 * (r * n + c)] = extent.xMin + (c + 0.5) * dx;
      z[2 * (r * n + c) + 1] = extent.yMax - (r + 0.5) * dy;
    }
  }
  const probs = await ctx.model.decode(z); // [n², 784]
  return { ...images(ctx, 'manifold', step, probs, n * n, n), extent };
}

/** The VAE's manifold spans the prior's ±3σ; the autoencoder's, where its codes lie. */
export function manifoldExtent(variant: 'vae' | 'ae', points: Float32Array): Extent {
  if (variant === 'vae') return { xMin: -3, xMax: 3, yMin: -3, yMax: 3 };
  const axis = (k: number): [number, number] => {
    const values = Float32Array.from(
      { length: points.length / 2 },
      (_, i) => points[2 * i + k] as number,
    ).sort();
    const lo = values[Math.floor(0.01 * (values.length - 1))] ?? -1;
    const hi = values[Math.ceil(0.99 * (values.length - 1))] ?? 1;
    const pad = Math.max(0.05 * (hi - lo), 1e-3);
    return [lo - pad, hi + pad];
  };
  const [xMin, xMax] = axis(0);
  const [yMin, yMax] = axis(1);
  return { xMin, xMax, yMin, yMax };
}

export function decoderEvent(ctx: ViewContext, step: number): DecoderEvent {
  const w = ctx.model.decoderWeights();
  const { latentDim, hiddenDim, inputDim } = ctx.model.shape;
  return {
    type: 'decoder',
    runId: ctx.runId,
    step,
    latentDim,
    hiddenDim,
    outputDim: inputDim,
    imageWidth: ctx.shown.width,
    imageHeight: ctx.shown.height,
    ...w,
  };
}

/**
 * Sends every heavy view of the model as it is now: reconstructions, samples, the scatter,
 * the decoder and, for d = 2, the manifold. The scatter keeps the PCA axes of the previous call
 * so successive pictures keep their orientation.
 */
export function createViewSender(
  ctx: ViewContext,
  variant: 'vae' | 'ae',
  post: (event: TrainerEvent) => void,
): (step: number, epoch: number) => Promise<void> {
  let projection: LatentProjection | null = null;
  return async (step, epoch) => {
    post(await reconstructionsEvent(ctx, step));
    post(await samplesEvent(ctx, step));
    const scatter = await scatterEvent(ctx, step, epoch, projection);
    projection = scatter.projection;
    post(scatter.event);
    post(decoderEvent(ctx, step));
    if (ctx.model.shape.latentDim === 2) {
      post(await manifoldEvent(ctx, step, manifoldExtent(variant, scatter.event.points)));
    }
  };
}
