/** Reading a model's parameters back from its engine, for checkpoints and tests. */
import type { GraphEngine, NamedArray } from '../graph/program.js';

/** The current values of the state entries named in `initial`, with their shapes, in its order. */
export function readWeights(
  engine: GraphEngine,
  initial: Readonly<Record<string, NamedArray>>,
): Record<string, NamedArray> {
  return Object.fromEntries(
    Object.entries(initial).map(([name, w]) => [name, { shape: w.shape, data: engine.read(name) }]),
  );
}
