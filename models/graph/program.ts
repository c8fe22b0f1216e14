/**
 * A program is what an engine runs: a graph, the outputs handed back to the caller, and the
 * outputs that overwrite the model's state (parameters, optimizer moments) once the run is
 * done. Graph inputs named after a state entry are fed from the state, the others per run.
 *
 *   state (weights, moments) ─┐
 *   feeds (batch, noise, lr) ─┴→ graph → fetches (losses, views)
 *                                      → updates (new weights, new moments) → state
 */
import type { Graph } from './builder.js';
import type { Shape } from './nodes.js';

export interface Program {
  /** For messages and caches, e.g. 'vae.train.b256'. */
  readonly name: string;
  readonly graph: Graph;
  /** Outputs returned by a run. */
  readonly fetches: readonly string[];
  /** Output name → the state entry it replaces after a run. */
  readonly updates: ReadonlyMap<string, string>;
}

/** A named float32 array with its shape: a state entry or a fed value. */
export interface NamedArray {
  readonly shape: Shape;
  readonly data: Float32Array;
}

export type StateInit = Readonly<Record<string, NamedArray>>;
export type Feeds = Readonly<Record<string, Float32Array>>;
export type Fetched = Record<string, Float32Array>;

/**
 * What runs programs over a model's state: ONNX Runtime (trainer/engine/) or TensorFlow.js
 * (tfjs-engine.ts). Runs are queued one after another; state reads see the last finished run.
 */
export interface GraphEngine {
  /** e.g. 'onnxruntime (cpu, 2 threads)' or 'tfjs wasm'. */
  readonly description: string;
  run(program: Program, feeds: Feeds): Promise<Fetched>;
  /** A copy of a state entry. */
  read(name: string): Float32Array;
  /** Overwrites a state entry (same size). */
  write(name: string, data: Float32Array): void;
  dispose(): void;
}

export type EngineFactory = (state: StateInit) => GraphEngine;

/** The feeds a program needs per run: its graph inputs that are not state. */
export function feedNames(program: Program, state: ReadonlySet<string>): string[] {
  return [...program.graph.inputs.keys()].filter((name) => !state.has(name));
}

/** A sentence naming what is wrong with `feeds` for `program`, or null. */
export function checkFeeds(program: Program, feeds: Feeds, state: ReadonlySet<string>): string | null {
  for (const name of feedNames(program, state)) {
    const node = program.graph.inputs.get(name);
    const size = node ? node.shape.reduce((n, d) => n * d, 1) : 0;
    const got = feeds[name];
    if (!got) return `${program.name} needs the input '${name}' [${node?.shape}], which was not given.`;
    if (got.length !== size)
      return `${program.name}: '${name}' needs ${size} values [${node?.shape}], got ${got.length}.`;
  }
  return null;
}

/**
 * `make` memoised by its arguments: a model builds each program once per kind and shape
 * (shapes are static, so e.g. an epoch's smaller last batch gets a program of its own).
 */
export function programCache<A extends readonly (string | number)[]>(
  make: (...args: A) => Program,
): (...args: A) => Program {
  const cache = new Map<string, Program>();
  return (...args) => {
    const key = args.join('|');
    let program = cache.get(key);
    if (!program) {
      program = make(...args);
      cache.set(key, program);
    }
    return program;
  };
}
