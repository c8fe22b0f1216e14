/**
 * The trainer entries of the energy lab (2-D landscapes) and the MNIST denoising autoencoder,
 * registered in trainer/labs.ts. Both are compiled graphs (their gradients are the graph's),
 * so neither registers TensorFlow.js's tape gradients.
 */
import type { DenoiserConfig } from '../../protocol/dae-config.js';
import type { EnergyConfig } from '../../protocol/energy-config.js';
import type { DataSplit } from '../data/digits.js';
import { loadDataSplit } from '../data/load.js';
import type { TrainerLab } from '../labs.js';
import { createDenoiserExperiment } from './denoiser-experiment.js';
import { createEnergyExperiment } from './energy-experiment.js';

export const energyTrainerLab: TrainerLab<EnergyConfig, null> = {
  load: () => Promise.resolve(null),
  create: (ctx) => createEnergyExperiment(ctx),
};

export const denoiserTrainerLab: TrainerLab<DenoiserConfig, DataSplit> = {
  load: () => loadDataSplit({ kind: 'embedded' }, 0.1),
  create: (ctx, data) => createDenoiserExperiment(ctx, data),
};
