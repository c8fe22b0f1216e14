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
    const { loss, memoryBankSize, batchSize } = ctx.config;
    const others = data.train.count - Math.min(batchSize, data.train.count);
    if (loss === 'pirl-nce' && memoryBankSize > others)
      return {
        field: 'memoryBankSize',
        message: `PIRL's NCE draws its ${memoryBankSize} negatives from the bank entries of images outside the batch; ${data.train.count} training digits with batches of ${batchSize} leave ${others}. Lower the memory bank (memoryBankSize) to at most ${others}.`,
      };
    return createContrastiveExperiment({ ...ctx, data });
  },
};
