/**
 * The energy lab's data and its views as generic `arrays` events:
 *   'landscape'  energy [128, 128] (row 0 at the top, largest y), data [n, 2], samples [m, 2]
 *                (CD's negatives / PCD's particles), field [g, g, 2] (DAE: g(y) at the centre
 *                of each cell of a coarse grid); info: the extent, the method, min/max of E.
 *                Kept as a snapshot (views/history/) so the user can step back.
 *   'particles'  samples [m, 2] only, sent often so the renderer can animate them.
 */
import {
  checkUserPoints,
  dataBounds,
  defaultGridSize,
  energyGrid,
  fieldGrid,
  toyData,
  type Bounds,
} from '../../models/energy/index.js';
import { createRng } from '../../models/rng.js';
import type { EnergyConfig } from '../../protocol/energy/config.js';
import type { ArraysEvent } from '../../protocol/messages.js';
import type { LandscapeModel } from './landscape-model.js';

/** Cells per side of the DAE's arrow grid. */
export const FIELD_SIZE = 24;

export interface LandscapeData {
  /** Interleaved [x₀, y₀, …]. */
  readonly points: Float32Array;
  /** A square around the data, where the grid, the restarts and the particles live. */
  readonly bounds: Bounds;
}

/** The run's data (generated with the run's seed, or the user's drawn points) and its square. */
export function makeLandscapeData(config: EnergyConfig): LandscapeData {
  const points =
    config.data === 'drawn'
      ? checkUserPoints(config.points ?? [])
      : toyData(config.data, config.dataPoints, createRng(config.seed ^ 0xda7a));
  const box = dataBounds(points, 0.3, 1);
  const half = Math.max(box.xMax - box.xMin, box.yMax - box.yMin) / 2;
  const [cx, cy] = [(box.xMin + box.xMax) / 2, (box.yMin + box.yMax) / 2];
  return { points, bounds: { xMin: cx - half, xMax: cx + half, yMin: cy - half, yMax: cy + half } };
}

function range(values: Float32Array): [number, number] {
  let [lo, hi] = [Infinity, -Infinity];
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}

/** The landscape view of `model` now, its grids run on the model's engine. */
export async function landscapeEvent(
  runId: string,
  step: number,
  model: LandscapeModel,
  data: LandscapeData,
  extra: Readonly<Record<string, number>>,
): Promise<ArraysEvent> {
  const size = defaultGridSize;
  const energy = await energyGrid(model, data.bounds, size); // [size·size]
  const arrays: Record<string, Float32Array> = { energy, data: data.points };
  const shapes: Record<string, number[]> = { energy: [size, size], data: [data.points.length / 2, 2] };
  const samples = model.samples();
  if (samples && samples.length) {
    arrays.samples = samples;
    shapes.samples = [samples.length / 2, 2];
  }
  if (model.denoise) {
    arrays.field = await fieldGrid(model.denoise, data.bounds, FIELD_SIZE);
    shapes.field = [FIELD_SIZE, FIELD_SIZE, 2];
  }
  const [eMin, eMax] = range(energy);
  return {
    type: 'arrays',
    runId,
    view: 'landscape',
    step,
    arrays,
    shapes,
    info: { ...data.bounds, method: model.method, eMin, eMax, ...extra },
    keep: true,
  };
}

export function particlesEvent(runId: string, step: number, samples: Float32Array): ArraysEvent {
  return {
    type: 'arrays',
    runId,
    view: 'particles',
    step,
    arrays: { samples },
    shapes: { samples: [samples.length / 2, 2] },
  };
}
