/**
 * The contrastive lab's programs on the graph (models/graph/), for ONNX Runtime and
 * TensorFlow.js alike. One training step on N positive pairs (SimCLR, Chen et al. 2020;
 * PIRL, Misra & van der Maaten 2020):
 *
 *   h = f([view 1; view 2])                       [2N, r]  (encoder.ts: both views in one pass)
 *   u₁ = f-head(h₁), u₂ = g-head(h₂)              [N, p]   (g = f unless heads are separate)
 *   L = NT-Xent / InfoNCE of (u₁, u₂) / τ, negatives from the batch and the bank (info-nce.ts)
 *   θ ← Adam(θ, ∇θ L)                             (../graph/adam.ts)
 *   bank ← [z₁; bank] (newest first, first K rows)  (memory-bank.ts, when K > 0)
 *
 * Feeds: 'views' [2N, 784] (the N first views, then the N second views), 'invTau' (1/τ),
 * adam.c1/c2, and 'bankFilled' [K] when there is a bank. Fetches: the loss and the N×N
 * cosine similarities z₂ᵢ·z₁ⱼ between the views (positives on the diagonal).
 */
import { appendAdam } from '../graph/adam.js';
import { gradients } from '../graph/autodiff.js';
import { createGraph } from '../graph/builder.js';
import type { Program } from '../graph/program.js';
import type { ContrastiveConfig } from './config.js';
import { encoderParams, PIXELS, project, represent, type EncoderShape } from './encoder.js';
import { l2Normalize, pairLoss } from './info-nce.js';
import { BANK, BANK_FILLED, pushedBank } from './memory-bank.js';

export type ContrastiveShape = EncoderShape & Pick<ContrastiveConfig, 'loss' | 'memoryBankSize'>;

export const VIEWS = 'views';
export const INV_TAU = 'invTau';

/** One Adam step on N pairs; fetches 'loss' [] and 'cross' [N, N]. */
export function contrastiveTrainProgram(s: ContrastiveShape, n: number): Program {
  const g = createGraph();
  const params = encoderParams(g, s);
  const views = g.input(VIEWS, [2 * n, PIXELS]);
  const invTau = g.input(INV_TAU, []);
  const bank =
    s.memoryBankSize > 0
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
  const { loss, cross, z1 } = pairLoss(g, u1, u2, bank, s.loss, invTau);
  const updates = appendAdam(g, params, gradients(g, loss, [...params.values()]));
  if (bank) {
    g.output(`new.${BANK}`, pushedBank(g, bank.entries, z1));
    updates.set(`new.${BANK}`, BANK);
  }
  g.output('loss', loss);
  g.output('cross', cross);
  return { name: `contrastive.train.n${n}`, graph: g, fetches: ['loss', 'cross'], updates };
}

/** The representation h [m, r] ('h') or the normalised embedding z [m, p] ('z') of 'x' [m, 784]. */
export function contrastiveEvalProgram(s: EncoderShape, what: 'h' | 'z', m: number): Program {
  const g = createGraph();
  const params = encoderParams(g, s);
  const h = represent(g, params, g.input('x', [m, PIXELS]));
  g.output(what, what === 'h' ? h : l2Normalize(g, project(g, params, h, 'f')));
  return { name: `contrastive.${what}.m${m}`, graph: g, fetches: [what], updates: new Map() };
}
