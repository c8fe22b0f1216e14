/**
 * The contrastive lab's programs on the graph (models/graph/), for ONNX Runtime and
 * TensorFlow.js alike. One training step on N positive pairs (SimCLR, Chen et al. 2020;
 * PIRL, Misra & van der Maaten 2020):
 *
 *   h = f([view 1; view 2])                       [2N, r]  (encoder.ts: both views in one pass)
 *   u₁ = f-head(h₁), u₂ = g-head(h₂)              [N, p]   (g = f unless heads are separate)
 *   L = NT-Xent / InfoNCE of (u₁, u₂) / τ, negatives from the batch and the bank (info-nce.ts),
 *       or PIRL's NCE against the per-image bank's rows (info-nce.ts pirlNce)
 *   θ ← Adam(θ, ∇θ L)                             (../graph/adam.ts)
 *   bank ← [z₁; bank] (newest first, first K rows)  (memory-bank.ts, the queue of nt-xent and info-nce)
 *
 * Feeds: 'views' [2N, 784] (the N first views, then the N second views), 'invTau' (1/τ),
 * adam.c1/c2, and 'bankFilled' [K] when there is a queue; for pirl-nce 'bankPositives' [N, p]
 * (each image's own entry), 'bankNegatives' [K, p] and 'logNoise' (log K/D), the bank itself
 * being kept on the host (pirl-bank.ts). Fetches: the loss, the N×N cosine similarities
 * z₂ᵢ·z₁ⱼ between the views (positives on the diagonal) and, for pirl-nce, z₁ [N, p] (what
 * the bank averages in).
 */
import { appendAdam } from '../graph/adam.js';
import { gradients } from '../graph/autodiff.js';
import { createGraph, type GraphBuilder } from '../graph/builder.js';
import type { Node } from '../graph/nodes.js';
import type { Program } from '../graph/program.js';
import type { ContrastiveConfig } from './config.js';
import { encoderParams, PIXELS, project, represent, type EncoderShape } from './encoder.js';
import { l2Normalize, pairLoss, pirlNce, type PairLoss } from './info-nce.js';
import { BANK, BANK_FILLED, pushedBank } from './memory-bank.js';

export type ContrastiveShape = EncoderShape & Pick<ContrastiveConfig, 'loss' | 'memoryBankSize'>;

export const VIEWS = 'views';
export const INV_TAU = 'invTau';
export const BANK_POSITIVES = 'bankPositives';
export const BANK_NEGATIVES = 'bankNegatives';
export const LOG_NOISE = 'logNoise';

/** PIRL's NCE of the batch against the bank rows fed for it (positives [N, p], negatives [K, p]). */
function pirlLoss(
  g: GraphBuilder,
  u1: Node,
  u2: Node,
  n: number,
  s: ContrastiveShape,
  invTau: Node,
): PairLoss {
  const z1 = l2Normalize(g, u1);
  const z2 = l2Normalize(g, u2);
  const positives = g.input(BANK_POSITIVES, [n, s.projectionDim]);
  const negatives = g.input(BANK_NEGATIVES, [s.memoryBankSize, s.projectionDim]);
  const loss = pirlNce(g, z1, z2, positives, negatives, invTau, g.input(LOG_NOISE, []));
  return { loss, cross: g.matmul(z2, z1, false, true), z1 }; // cross: z₂·z₁ᵀ [N, N]
}

/** One Adam step on N pairs; fetches 'loss' [] and 'cross' [N, N] (and 'z1' [N, p] for pirl-nce). */
export function contrastiveTrainProgram(s: ContrastiveShape, n: number): Program {
  const g = createGraph();
  const params = encoderParams(g, s);
  const views = g.input(VIEWS, [2 * n, PIXELS]);
  const invTau = g.input(INV_TAU, []);
  const pirl = s.loss === 'pirl-nce';
  const bank =
    s.memoryBankSize > 0 && !pirl
      ? {
          entries: g.input(BANK, [s.memoryBankSize, s.projectionDim]),
          filled: g.input(BANK_FILLED, [s.memoryBankSize]),
        }
      : null;
  const h = represent(g, params, views); // [2N, r]
  const [h1, h2] = [g.slice(h, 0, 0, n), g.slice(h, 0, n, 2 * n)]; // [N, r] each
  const [u1, u2] =
    s.heads === 'separate'
      ? [project(g, params, h1, 'f'), project(g, params, h2, 'g')]
      : (() => {
          const u = project(g, params, h, 'f'); // [2N, p]
          return [g.slice(u, 0, 0, n), g.slice(u, 0, n, 2 * n)];
        })();
  const { loss, cross, z1 } = pirl
    ? pirlLoss(g, u1, u2, n, s, invTau)
    : pairLoss(g, u1, u2, bank, s.loss, invTau);
  if (pirl) g.output('z1', g.unary('detach', z1));
  const updates = appendAdam(g, params, gradients(g, loss, [...params.values()]));
  if (bank) {
    g.output(`new.${BANK}`, pushedBank(g, bank.entries, z1));
    updates.set(`new.${BANK}`, BANK);
  }
  g.output('loss', loss);
  g.output('cross', cross);
  const fetches = pirl ? ['loss', 'cross', 'z1'] : ['loss', 'cross'];
  return { name: `contrastive.train.${s.loss}.n${n}`, graph: g, fetches, updates };
}

/** The representation h [m, r] ('h') or the normalised embedding z [m, p] ('z') of 'x' [m, 784]. */
export function contrastiveEvalProgram(s: EncoderShape, what: 'h' | 'z', m: number): Program {
  const g = createGraph();
  const params = encoderParams(g, s);
  const h = represent(g, params, g.input('x', [m, PIXELS]));
  g.output(what, what === 'h' ? h : l2Normalize(g, project(g, params, h, 'f')));
  return { name: `contrastive.${what}.m${m}`, graph: g, fetches: [what], updates: new Map() };
}
