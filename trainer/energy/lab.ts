/** The energy lab's trainer entry (2-D landscapes), registered in trainer/labs.ts. */
import type { EnergyConfig } from '../../protocol/energy/config.js';
import type { TrainerLab } from '../lab.js';
import { createEnergyExperiment } from './energy-experiment.js';

export const energyTrainerLab: TrainerLab<EnergyConfig, null> = {
  load: () => Promise.resolve(null),
  create: (ctx) => createEnergyExperiment(ctx),
};
