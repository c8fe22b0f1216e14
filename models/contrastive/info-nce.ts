/**
 * InfoNCE with cosine similarity and a temperature (van den Oord et al. 2018, "CPC";
 * SimCLR's NT-Xent, Chen et al. 2020, eq. 1; PIRL, Misra & van der Maaten 2020, eq. 3),
 * written on the graph (models/graph/):
 *
 *   z = u / ‖u‖                                    (cosine similarity is z·z′)
 *   ℓᵢ = −log( exp(sᵢ,ₚ₍ᵢ₎ / τ) / Σ_{j ∉ Xᵢ} exp(sᵢⱼ / τ) ),   L = mean over rows i
 *
 * where p(i) is row i's positive column and Xᵢ the columns left out (a view against itself,
 * bank slots not filled yet). Written as logSumExp − positive logit; an excluded logit gets
 * −10⁹ added (exp of it is 0 in float32), and the log-sum-exp subtracts each row's largest
 * logit first (held constant: the shift cancels in value and gradient), so exp stays finite
 * and its sum ≥ 1 at every τ. 1/τ is fed ('invTau'), so τ can change live.
 */
import type { GraphBuilder } from '../graph/builder.js';
import type { Node } from '../graph/nodes.js';
import type { ContrastiveLoss } from './config.js';

/** Added to the logits of excluded pairs: exp of it is 0 in float32. */
export const EXCLUDED = -1e9;

/** u / √(‖u‖² + 10⁻¹²) row-wise, u [n, d] → [n, d] (ε keeps zero rows finite). */
export function l2Normalize(g: GraphBuilder, u: Node): Node {
  return g.div(u, g.sqrt(g.add(g.sum(g.square(u), [1], true), g.constant(1e-12)))); // [n, d]
}

/** log Σ_j exp(x_ij) per row, x [n, m] → [n]: m_i + log Σ_j exp(x_ij − m_i), m_i = max_j x_ij held constant. */
export function rowLogSumExp(g: GraphBuilder, x: Node): Node {
  const top = g.unary('detach', g.max(x, [1], true)); // [n, 1]
  return g.add(g.log(g.sum(g.exp(g.sub(x, top)), [1])), g.reshape(top, [x.shape[0] as number])); // [n]
}

/** [n, m] with 1 at (i, columns[i]) and 0 elsewhere. */
export function oneHotRows(columns: readonly number[], m: number): Float32Array {
  const out = new Float32Array(columns.length * m);
  columns.forEach((c, i) => {
    if (!(Number.isInteger(c) && c >= 0 && c < m))
      throw new Error(`infoNce: row ${i}'s positive column ${c} is not in [0, ${m}).`);
    out[i * m + c] = 1;
  });
  return out;
}

/**
 * L = mean over rows of −log softmax at the positive, from similarities `sims` [n, m], the
 * positive column of each row, 1/τ (a scalar node) and optionally a 0/1 mask [n, m] of
 * excluded pairs (a node: constant or fed).
 */
export function infoNce(
  g: GraphBuilder,
  sims: Node,
  positives: readonly number[],
  invTau: Node,
  excluded: Node | null = null,
): Node {
  const [n, m] = sims.shape as [number, number];
  if (positives.length !== n) throw new Error(`infoNce: ${n} rows but ${positives.length} positives.`);
  const logits = g.mul(sims, invTau); // [n, m]
  const positive = g.sum(g.mul(logits, g.constant(oneHotRows(positives, m), [n, m])), [1]); // [n]
  const masked = excluded ? g.add(logits, g.scale(excluded, EXCLUDED)) : logits; // [n, m]
  return g.scale(g.sum(g.sub(rowLogSumExp(g, masked), positive)), 1 / n);
}

export interface PairLoss {
  readonly loss: Node;
  /** Cosine similarities z₂ᵢ·z₁ⱼ [N, N] between the views: positives on the diagonal. */
  readonly cross: Node;
  /** The normalised view-1 embeddings z₁ [N, d] (what the memory bank keeps). */
  readonly z1: Node;
}

/** The bank's part of the exclusion mask: 1 − filled [K] as a row [1, K], for `rows` rows. */
const emptySlots = (g: GraphBuilder, filled: Node, rows: number): Node =>
  g.broadcast(g.sub(g.constant(1), g.reshape(filled, [1, filled.shape[0] as number])), [
    rows,
    filled.shape[0] as number,
  ]);

/**
 * The contrastive loss of N positive pairs from the (unnormalised) projections u1 = f(view 1),
 * u2 = g(view 2) [N, d], with `bank` [K, d] (normalised, held constant) as extra negatives
 * where `filled` [K] is 1 (slots not yet written are excluded):
 *   'nt-xent':  Z = [z1; z2] [2N, d], sims = Z·[Z; bank]ᵀ, row i's positive its partner i ± N,
 *               itself excluded.
 *   'info-nce': sims = z2·[z1; bank]ᵀ [N, N + K], row i's positive column i.
 */
export function pairLoss(
  g: GraphBuilder,
  u1: Node,
  u2: Node,
  bank: { readonly entries: Node; readonly filled: Node } | null,
  kind: ContrastiveLoss,
  invTau: Node,
): PairLoss {
  const n = u1.shape[0] as number;
  const z1 = l2Normalize(g, u1); // [N, d]
  const z2 = l2Normalize(g, u2); // [N, d]
  const past = bank ? g.unary('detach', bank.entries) : null; // [K, d]
  const [queries, rows] = kind === 'info-nce' ? [z2, n] : [g.concat([z1, z2], 0), 2 * n]; // [rows, d]
  const own = kind === 'info-nce' ? z1 : queries; // the batch's keys
  const keys = past ? g.concat([own, past], 0) : own; // [rows + K or N + K, d]
  const sims = g.matmul(queries, keys, false, true); // [rows, keys]
  const self = new Float32Array(rows * rows);
  if (kind === 'nt-xent') for (let i = 0; i < rows; i++) self[i * rows + i] = 1;
  const batchMask = g.constant(self, [rows, kind === 'info-nce' ? n : rows]);
  const excluded = bank ? g.concat([batchMask, emptySlots(g, bank.filled, rows)], 1) : batchMask;
  const positives = Array.from({ length: rows }, (_, i) => (kind === 'info-nce' ? i : (i + n) % (2 * n)));
  const loss = infoNce(g, sims, positives, invTau, excluded);
  const cross = kind === 'info-nce' ? g.slice(sims, 1, 0, n) : g.slice(g.slice(sims, 0, n, 2 * n), 1, 0, n); // z2·z1ᵀ [N, N]
  return { loss, cross, z1 };
}

/** Splits the cross similarities [N, N] (row-major) into positives (diagonal, [N]) and negatives ([N(N − 1)]). */
export function splitSimilarities(
  cross: Float32Array,
  n: number,
): { posSim: Float32Array; negSim: Float32Array } {
  const posSim = new Float32Array(n);
  const negSim = new Float32Array(n * (n - 1));
  let k = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const s = cross[i * n + j] as number;
      if (i === j) posSim[i] = s;
      else negSim[k++] = s;
    }
  }
  return { posSim, negSim };
}

/**
 * PIRL's NCE loss with a memory bank (Misra & van der Maaten 2020, eqs. 3–5; NYU DL week 10):
 * each (embedding, bank entry) pair is classified as a data pair or noise,
 *
 *   h(z, m) = exp(z·m / τ) / (exp(z·m / τ) + K/D)          (K negatives drawn from D images)
 *   L_NCE(m_I, z) = −log h(z, m_I) − Σ_{I′ ∈ negatives} log(1 − h(z, m_I′))
 *   L = mean over the batch of  λ·L_NCE(m_I, z₂) + (1 − λ)·L_NCE(m_I, z₁),   λ = ½
 *
 * with z₁ = f(view 1)/‖·‖, z₂ = g(view 2)/‖·‖, m_I the image's own bank entry (the positive)
 * and m_I′ the entries of other images (the negatives). Written with a = z·m/τ − log(K/D):
 * −log h = softplus(−a) and −log(1 − h) = softplus(a), finite at every τ. `positives` [N, d] and
 * `negatives` [K, d] are bank rows (held constant); `logNoise` is log(K/D), a scalar node.
 */
export function pirlNce(
  g: GraphBuilder,
  z1: Node,
  z2: Node,
  positives: Node,
  negatives: Node,
  invTau: Node,
  logNoise: Node,
  weight = 0.5,
): Node {
  const n = z1.shape[0] as number;
  const [pos, neg] = [g.unary('detach', positives), g.unary('detach', negatives)];
  const logOdds = (s: Node): Node => g.sub(g.mul(s, invTau), logNoise);
  const nce = (z: Node): Node => {
    const positive = g.softplus(g.neg(logOdds(g.sum(g.mul(z, pos), [1])))); // −log h(z, m_I), [N]
    const noise = g.sum(g.softplus(logOdds(g.matmul(z, neg, false, true))), [1]); // −Σ log(1 − h), [N]
    return g.add(positive, noise);
  };
  const perImage = g.add(g.scale(nce(z2), weight), g.scale(nce(z1), 1 - weight)); // [N]
  return g.scale(g.sum(perImage), 1 / n);
}
