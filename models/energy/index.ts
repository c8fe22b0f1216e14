/** The energy-landscape lab's maths (issue 5): graphs (models/graph/) and pure TypeScript. */
export type * from './types.js';
export {
  checkUserPoints,
  dataBounds,
  defaultToyNoise,
  minUserPoints,
  sampleBatch,
  toyData,
  toyDataNames,
  uniformPoints,
  type ToyDataName,
} from './toy-data.js';
export { mlpActivations, type MlpActivation, type MlpSpec } from '../graph/mlp.js';
export { appendLangevin, checkLangevinConfig, langevinFeeds, langevinProgram } from './langevin.js';
export {
  defaultEnergyNetConfig,
  energyNetSpec,
  energyOf,
  netEnergyProgram,
  type EnergyNetConfig,
} from './energy-net.js';
export {
  appendContrastiveLoss,
  checkContrastiveConfig,
  contrastiveTrainProgram,
  defaultContrastiveConfig,
  type ContrastiveConfig,
} from './contrastive.js';
export { createCd, type CdModel } from './cd.js';
export { createPcd, defaultPcdConfig, type PcdConfig, type PcdModel, type PcdStepResult } from './pcd.js';
export { createDae, defaultDaeConfig, type DaeConfig, type DaeModel } from './dae.js';
export { defaultLatentShape, latentInitialWeights, type LatentShape } from './latent-decoder.js';
export {
  checkLatentEbmConfig,
  createLatentEbm,
  defaultLatentEbmConfig,
  type LatentEbm,
  type LatentEbmConfig,
  type LatentInference,
  type LatentStepResult,
} from './latent-ebm.js';
export { defaultGridSize, energyGrid, fieldGrid, gridPoints, type PointMap } from './grid.js';
