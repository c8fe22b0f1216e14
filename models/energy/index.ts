/** The energy-landscape lab's maths (issue 5): pure TensorFlow.js and TypeScript. */
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
export { createMlp, mlpActivations, type Mlp, type MlpActivation } from './mlp.js';
export { checkLangevinConfig, langevin, langevinStep, type EnergyGradient } from './langevin.js';
export {
  createEnergyNet,
  defaultEnergyNetConfig,
  type EnergyNet,
  type EnergyNetConfig,
} from './energy-net.js';
export {
  checkContrastiveConfig,
  contrastiveUpdate,
  defaultContrastiveConfig,
  type ContrastiveConfig,
} from './contrastive.js';
export { createCd, type CdModel } from './cd.js';
export { createPcd, defaultPcdConfig, type PcdConfig, type PcdModel, type PcdStepResult } from './pcd.js';
export { createDae, defaultDaeConfig, type DaeConfig, type DaeModel } from './dae.js';
export {
  createLatentDecoder,
  defaultLatentShape,
  type LatentDecoder,
  type LatentShape,
} from './latent-decoder.js';
export {
  checkLatentEbmConfig,
  createLatentEbm,
  defaultLatentEbmConfig,
  type LatentEbm,
  type LatentEbmConfig,
  type LatentInference,
  type LatentStepResult,
} from './latent-ebm.js';
export { defaultGridSize, energyGrid, fieldGrid, gridPoints } from './grid.js';
export {
  checkImageDenoiserStep,
  createImageDenoiser,
  type ImageDenoiser,
  type ImageDenoiserStep,
  type ImageNoise,
} from './image-denoiser.js';
