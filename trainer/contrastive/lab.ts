/** The contrastive lab in the trainer: the embedded digits (split 9:1, fixed seed) while the backend starts, then run. */
import type { ContrastiveLabConfig } from '../../protocol/contrastive/config.js';
import { sayContrastive } from '../../protocol/contrastive/texts.js';
import { fieldError } from '../../protocol/fields.js';
import { sayShared } from '../../protocol/texts.js';
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
      return fieldError('data', sayShared('tooFewDigits', { count: data.train.count }));
    const { loss, memoryBankSize, batchSize } = ctx.config;
    const others = data.train.count - Math.min(batchSize, data.train.count);
    if (loss === 'pirl-nce' && memoryBankSize > others)
      return fieldError(
        'memoryBankSize',
        sayContrastive('contrastiveBankTooBig', {
          bank: memoryBankSize,
          digits: data.train.count,
          batch: batchSize,
          others,
        }),
      );
    return createContrastiveExperiment({ ...ctx, data });
  },
};
