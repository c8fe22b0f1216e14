/**
 * The conv lab's metric columns, per step: the reconstruction, sparsity and (PSD) prediction
 * terms, their total, the fraction of zero codes and the model's kernel count n (no test points).
 */
import type { MetricColumns } from '../metrics.js';

export type ConvColumn = 'recon' | 'sparsity' | 'prediction' | 'total' | 'zeros' | 'kernels';

export const convMetrics: MetricColumns<ConvColumn> = {
  train: ['recon', 'sparsity', 'prediction', 'total', 'zeros', 'kernels'],
  test: [],
  headline: ['total'],
};
