/**
 * Langevin dynamics on an energy E (unadjusted Langevin algorithm; Roberts & Tweedie 1996),
 * batched over particles, in the lab's convention:
 *
 *   y ← y − (η/2)·∇E(y) + s·√η·ε,   ε ~ N(0, I)
 *
 * With s = 1 the chain's stationary law tends to p(y) ∝ exp(−E(y)) as η → 0 (for a quadratic
 * E(y) = ½(y − m)ᵀA(y − m) it is N(m, A⁻¹) up to O(η)). The k steps are unrolled in the graph:
 * each takes ∇_y Σᵢ E(yᵢ) by reverse mode (row i is ∇E(yᵢ)); where a box is given, particles
 * are clipped to it after every step, clip(v) = v − relu(v − hi) + relu(lo − v). The chain's
 * end is detached: no gradient flows through the sampler. The noise ε of all k steps,
 * [k, n, 2], is drawn on the host from the generator passed in (ziggurat normals) and fed, so
 * a run's seed reproduces its negatives on every engine.
 *
 * Fed per run: 'langevin.halfStep' η/2, 'langevin.noiseGain' s·√η, 'langevin.noise' [k, n, 2],
 * and with a box 'langevin.lo' / 'langevin.hi' [2].
 *
 * k is live (0 … 500) and a program is compiled per chain length, so a long chain runs as
 * programs of LANGEVIN_CHUNK steps and then one of the rest (splitChain): at most
 * LANGEVIN_CHUNK + 1 lengths are ever compiled (500 steps unrolled in one graph take seconds
 * to compile on ONNX Runtime, 25 a fraction of one), and the chain is the same.
 */
import { gradients } from '../graph/autodiff.js';
import { createGraph, type GraphBuilder } from '../graph/builder.js';
import type { Node } from '../graph/nodes.js';
import type { Feeds, Program } from '../graph/program.js';
import type { Rng } from '../rng.js';
import { fillNormal } from '../ziggurat.js';
import type { LangevinConfig } from './types.js';

/** Steps per program of a long chain. */
export const LANGEVIN_CHUNK = 25;

/** k = chunks·LANGEVIN_CHUNK + rest, rest < LANGEVIN_CHUNK. */
export function splitChain(k: number): { readonly chunks: number; readonly rest: number } {
  return { chunks: Math.floor(k / LANGEVIN_CHUNK), rest: k % LANGEVIN_CHUNK };
}

/** Throws an Error naming the first field of `config` out of range. */
export function checkLangevinConfig(config: LangevinConfig): void {
  const { stepSize, noiseScale, steps } = config;
  if (!(Number.isFinite(stepSize) && stepSize > 0)) {
    throw new Error(`The Langevin step size must be a finite number > 0, got ${stepSize}.`);
  }
  if (!(Number.isFinite(noiseScale) && noiseScale >= 0)) {
    throw new Error(`The Langevin noise scale must be a finite number ≥ 0, got ${noiseScale}.`);
  }
  if (!(Number.isInteger(steps) && steps >= 0)) {
    throw new Error(`The number of Langevin steps must be an integer ≥ 0, got ${steps}.`);
  }
}

/**
 * `steps` Langevin steps from y0 [n, d] on `energy` (y [n, d] → [n]), appended to g; returns
 * the detached end of the chain [n, d].
 */
export function appendLangevin(
  g: GraphBuilder,
  energy: (y: Node) => Node,
  y0: Node,
  steps: number,
  clip: boolean,
): Node {
  if (steps === 0) return g.unary('detach', y0);
  const [n, d] = y0.shape as [number, number];
  const half = g.input('langevin.halfStep', []); // η/2
  const gain = g.input('langevin.noiseGain', []); // s√η
  const noise = g.input('langevin.noise', [steps, n, d]); // ε of every step
  const box = clip ? { lo: g.input('langevin.lo', [d]), hi: g.input('langevin.hi', [d]) } : null;
  let y = y0;
  for (let t = 0; t < steps; t++) {
    const grad = gradients(g, g.sum(energy(y)), [y])[0] as Node; // ∇E(y), [n, d]
    const eps = g.reshape(g.slice(noise, 0, t, t + 1), [n, d]); // ε, [n, d]
    let next = g.add(g.sub(y, g.mul(grad, half)), g.mul(eps, gain)); // y − (η/2)∇E + s√η ε
    if (box) next = g.add(g.sub(next, g.relu(g.sub(next, box.hi))), g.relu(g.sub(box.lo, next)));
    y = next;
  }
  return g.unary('detach', y);
}

/** The feeds of appendLangevin for n particles in d dimensions, the noise drawn from `rng`. */
export function langevinFeeds(config: LangevinConfig, n: number, d: number, rng: Rng): Feeds {
  checkLangevinConfig(config);
  const { stepSize: eta, noiseScale: s, steps, clip } = config;
  const feeds: Record<string, Float32Array> = {
    'langevin.halfStep': Float32Array.of(eta / 2),
    'langevin.noiseGain': Float32Array.of(s * Math.sqrt(eta)),
  };
  if (steps > 0) feeds['langevin.noise'] = fillNormal(rng, new Float32Array(steps * n * d));
  if (clip) {
    feeds['langevin.lo'] = Float32Array.of(clip.xMin, clip.yMin);
    feeds['langevin.hi'] = Float32Array.of(clip.xMax, clip.yMax);
  }
  return feeds;
}

/**
 * A stand-alone sampler: `steps` steps of n particles on the plane, fed 'start' [n, 2],
 * fetched 'end' [n, 2]. `energyOf` puts the energy's parameters into the graph once and
 * returns E: y [n, 2] → [n].
 */
export function langevinProgram(
  name: string,
  energyOf: (g: GraphBuilder) => (y: Node) => Node,
  n: number,
  steps: number,
  clip: boolean,
): Program {
  const g = createGraph();
  const energy = energyOf(g);
  g.output('end', appendLangevin(g, energy, g.input('start', [n, 2]), steps, clip));
  return {
    name: `${name}.langevin.k${steps}.n${n}${clip ? '.clip' : ''}`,
    graph: g,
    fetches: ['end'],
    updates: new Map(),
  };
}
