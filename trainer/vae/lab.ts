/** The VAE lab's trainer entry (and the classic autoencoder beside it), registered in trainer/labs.ts. */
import { createVae } from '../../models/vae/vae.js';
import type { VaeShape } from '../../models/vae/vae-api.js';
import type { LabConfigs } from '../../protocol/labs.js';
import { checkBatchAgainstData } from '../../protocol/digits.js';
import { loadDataSplit } from '../data/load.js';
import type { TrainerLab } from '../lab.js';
import { createVaeExperiment } from './experiment.js';

export const vaeTrainerLab: TrainerLab<LabConfigs['vae'], Awaited<ReturnType<typeof loadDataSplit>>> = {
  load: (config) => loadDataSplit(config.data, config.testFraction),
  create(ctx, data) {
    const { config } = ctx;
    const tooBig = checkBatchAgainstData(config.batchSize, data.train.count);
    if (tooBig) return tooBig;
    const shape: VaeShape = {
      variant: config.variant,
      inputDim: data.train.width * data.train.height,
      hiddenDim: config.hiddenDim,
      latentDim: config.latentDim,
    };
    const model = createVae(shape, config.seed, ctx.engine);
    const experiment = createVaeExperiment({ ...ctx, data, model });
    return { ...experiment, dispose: () => model.dispose() };
  },
};
