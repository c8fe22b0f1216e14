/**
 * The contrastive lab's metric columns. Train: the contrastive loss and the mean similarity of
 * positive and of negative pairs. Test: the linear probe's test accuracy (and, after an epoch,
 * its train accuracy), beside the random encoder's and raw pixels'.
 */
import type { MetricColumns } from '../metrics.js';

export type ContrastiveColumn =
  'loss' | 'positive' | 'negative' | 'probe' | 'probeTrain' | 'random' | 'pixels';

export const contrastiveMetrics: MetricColumns<ContrastiveColumn> = {
  train: ['loss', 'positive', 'negative'],
  test: ['probe', 'probeTrain', 'random', 'pixels'],
  headline: ['loss'],
};
