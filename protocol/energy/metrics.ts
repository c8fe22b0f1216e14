/**
 * The energy lab's metric columns: the method's loss and the mean energy of the data and of
 * the negative samples, per step (no test points).
 */
import type { MetricColumns } from '../metrics.js';

export type EnergyColumn = 'loss' | 'energyData' | 'energyNeg';

export const energyMetrics: MetricColumns<EnergyColumn> = {
  train: ['loss', 'energyData', 'energyNeg'],
  test: [],
  headline: ['loss'],
};
