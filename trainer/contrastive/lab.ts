/** The contrastive lab in the trainer: the embedded digits (split 9:1, fixed seed) while the backend starts, then run. */
import type { ContrastiveLabConfig } from '../../protocol/contrastive/config.js';
import type { DataSplit } from '../data/digits.js';
import { loadDataSplit } from '../data/load.js';
import type { TrainerLab } from '../lab.js';
import { createContrastiveExperiment } from './experiment.js';

/** Share of the digits held out: the probe's test split and the map. */
export const CONTRASTIVE_TEST_FRACTION = 0.1;

export const contrastiveTrainerLab: TrainerLab<ContrastiveLabConfig, DataSplit> = {
  async load() {
    return loadDataSplit({ kind: 'embedded' }, CONTRASTIVE_TEST_FRACTION);
  },
  create(ctx, data) {
    if (data.train.count < 2)
      return {
        field: 'data',
        message: `The data holds ${data.train.count} training digit; at least 2 are needed.`,
      };
    return createContrastiveExperiment({ ...ctx, data });
  },
};
