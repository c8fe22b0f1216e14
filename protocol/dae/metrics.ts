/** The denoising autoencoder's metric column: its loss per digit, on train and test points. */
import type { MetricColumns } from '../metrics.js';

export type DenoiserColumn = 'loss';

export const denoiserMetrics: MetricColumns<DenoiserColumn> = {
  train: ['loss'],
  test: ['loss'],
  headline: ['loss'],
};
