/**
 * The VAE lab's metric columns: per sample, the reconstruction BCE, the KL divergence and the
 * loss recon + β·KL (the classic autoencoder: KL 0, total = recon), on train and test points.
 */
import type { MetricColumns } from '../metrics.js';

export type VaeColumn = 'recon' | 'kl' | 'total';

export const vaeMetrics: MetricColumns<VaeColumn> = {
  train: ['recon', 'kl', 'total'],
  test: ['recon', 'kl', 'total'],
  headline: ['total'],
};
