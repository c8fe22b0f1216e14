/**
 * Evaluating a landscape on a regular grid for the heatmap and the arrows. A grid of
 * size × size cells covers `bounds`; cell (row, col) is sampled at its centre,
 *   x = xMin + (col + ½)·(xMax − xMin)/size,   y = yMax − (row + ½)·(yMax − yMin)/size,
 * so row 0 is the top of the picture (largest y), as in an image. Values are row-major,
 * index row·size + col. Points go through the model in batches (its engine runs one program
 * per batch size).
 */
import type { Bounds, EnergyFunction } from './types.js';

export const defaultGridSize = 128;
const defaultBatch = 4096;

function checkGrid(bounds: Bounds, size: number): void {
  if (!(Number.isInteger(size) && size >= 1))
    throw new Error(`The grid size must be a positive integer, got ${size}.`);
  const { xMin, xMax, yMin, yMax } = bounds;
  if (!(xMax > xMin && yMax > yMin && [xMin, xMax, yMin, yMax].every(Number.isFinite))) {
    throw new Error(`The grid's bounds must be finite with xMin < xMax and yMin < yMax.`);
  }
}

/** The centres of the grid's cells, interleaved [x, y] in row-major order: [size·size·2]. */
export function gridPoints(bounds: Bounds, size: number = defaultGridSize): Float32Array {
  checkGrid(bounds, size);
  const { xMin, xMax, yMin, yMax } = bounds;
  const out = new Float32Array(size * size * 2);
  for (let row = 0; row < size; row++) {
    const y = yMax - ((row + 0.5) * (yMax - yMin)) / size;
    for (let col = 0; col < size; col++) {
      const i = 2 * (row * size + col);
      out[i] = xMin + ((col + 0.5) * (xMax - xMin)) / size;
      out[i + 1] = y;
    }
  }
  return out;
}

/** Points y [n, 2] → values [n, width], both interleaved. */
export type PointMap = (y: Float32Array) => Promise<Float32Array>;

/** f applied to every cell centre, batch by batch; f maps [n, 2] → [n, width]. */
async function mapGrid(
  f: PointMap,
  width: number,
  bounds: Bounds,
  size: number,
  batch: number,
): Promise<Float32Array> {
  const points = gridPoints(bounds, size);
  const cells = size * size;
  const out = new Float32Array(cells * width);
  for (let start = 0; start < cells; start += batch) {
    const n = Math.min(batch, cells - start);
    const values = await f(points.slice(2 * start, 2 * (start + n))); // [n, width]
    if (values.length !== n * width) {
      throw new Error(
        `The grid expected ${n * width} values from a batch of ${n} points, got ${values.length}.`,
      );
    }
    out.set(values, start * width);
  }
  return out;
}

/** E at every cell centre: Float32Array [size·size], row-major, row 0 at the top. */
export function energyGrid(
  model: EnergyFunction,
  bounds: Bounds,
  size: number = defaultGridSize,
  batch: number = defaultBatch,
): Promise<Float32Array> {
  return mapGrid((y) => model.energy(y), 1, bounds, size, batch);
}

/**
 * A vector field y → f(y) (e.g. the denoiser's g) at every cell centre: Float32Array
 * [size·size·2], interleaved [fx, fy] per cell, same order as energyGrid.
 */
export function fieldGrid(
  f: PointMap,
  bounds: Bounds,
  size: number,
  batch: number = defaultBatch,
): Promise<Float32Array> {
  return mapGrid(f, 2, bounds, size, batch);
}
