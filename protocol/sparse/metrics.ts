/**
 * The sparse lab's metric columns. Dictionary learning: the energy ½‖y − Wz‖² + λ‖z‖₁, its
 * reconstruction term, the fraction of zeros and the active atoms per sample, on train and
 * test points. LISTA (the 'lista' task, after the dictionary): its code error ½‖z_K − z*‖² per
 * step, and at the end one test point of LISTA, ISTA and FISTA at the same K. The headline is
 * the energy, and LISTA's error in its phase.
 */
import type { MetricColumns } from '../metrics.js';

export type SparseColumn = 'energy' | 'reconstruction' | 'sparsity' | 'active' | 'lista' | 'ista' | 'fista';

export const sparseMetrics: MetricColumns<SparseColumn> = {
  train: ['energy', 'reconstruction', 'sparsity', 'active', 'lista'],
  test: ['energy', 'reconstruction', 'sparsity', 'active', 'lista', 'ista', 'fista'],
  headline: ['energy', 'lista'],
};
