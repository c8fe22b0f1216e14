/**
 * The TensorFlow.js engine: runs programs (program.ts) with tfjs-exec.ts on whichever tfjs
 * backend is active (tensorflow, wasm or cpu), keeping the state as tensors between runs.
 * Each run is synchronous underneath; `run` returns a promise only to share the engine
 * interface with ONNX Runtime.
 */
import * as tf from '@tensorflow/tfjs-core';
import {
  checkFeeds,
  type EngineFactory,
  type Feeds,
  type Fetched,
  type GraphEngine,
  type Program,
  type StateInit,
} from './program.js';
import { runTfjs } from './tfjs-exec.js';

export function createTfjsEngine(init: StateInit): GraphEngine {
  const state = new Map<string, tf.Tensor>();
  for (const [name, { shape, data }] of Object.entries(init))
    state.set(name, tf.tensor(data.slice(), [...shape]));
  const names = new Set(state.keys());

  function runSync(program: Program, feeds: Feeds): Fetched {
    const bad = checkFeeds(program, feeds, names);
    if (bad) throw new Error(bad);
    const fetches = [...program.fetches, ...program.updates.keys()];
    const outputs = tf.tidy(() => {
      const inputs: Record<string, tf.Tensor> = {};
      for (const [name, node] of program.graph.inputs) {
        inputs[name] = state.get(name) ?? tf.tensor(feeds[name] as Float32Array, [...node.shape]);
      }
      return runTfjs(program.graph, inputs, fetches);
    });
    const fetched: Fetched = {};
    for (const name of program.fetches)
      fetched[name] = (outputs[name] as tf.Tensor).dataSync() as Float32Array;
    for (const [output, entry] of program.updates) {
      state.get(entry)?.dispose();
      state.set(entry, outputs[output] as tf.Tensor);
    }
    tf.dispose(program.fetches.map((name) => outputs[name] as tf.Tensor));
    return fetched;
  }

  const entry = (name: string): tf.Tensor => {
    const t = state.get(name);
    if (!t) throw new Error(`The model has no state entry '${name}'.`);
    return t;
  };

  return {
    description: `tfjs ${tf.getBackend()}`,
    run: async (program, feeds) => runSync(program, feeds),
    read: (name) => (entry(name).dataSync() as Float32Array).slice(),
    write(name, data) {
      const old = entry(name);
      if (old.size !== data.length)
        throw new Error(`'${name}' holds ${old.size} values, not ${data.length}.`);
      state.set(name, tf.tensor(data.slice(), old.shape));
      old.dispose();
    },
    dispose() {
      tf.dispose([...state.values()]);
      state.clear();
    },
  };
}

/** The TensorFlow.js engine on the active backend, as an engine factory. */
export const tfjsEngine: EngineFactory = (state) => createTfjsEngine(state);
