/** The MNIST denoising autoencoder's trainer entry, registered in trainer/labs.ts. */
import type { DenoiserConfig } from '../../protocol/dae/config.js';
import type { DataSplit } from '../data/digits.js';
import { loadDataSplit } from '../data/load.js';
import type { TrainerLab } from '../lab.js';
import { createDenoiserExperiment } from './experiment.js';

export const denoiserTrainerLab: TrainerLab<DenoiserConfig, DataSplit> = {
  load: () => loadDataSplit({ kind: 'embedded' }, 0.1),
  create: (ctx, data) => createDenoiserExperiment(ctx, data),
};
