/** The contrastive-embedding lab's maths (issue 6): pure TensorFlow.js and TypeScript, no Node, DOM or Electron. */
export type { ConfigIssue } from './config-issue.js';
export {
  augmentNames,
  augmentRanges,
  checkAugmentConfig,
  defaultAugmentConfig,
  identityAugmentConfig,
  type AugmentConfig,
  type AugmentName,
  type AugmentSwitch,
} from './augment-config.js';
export {
  augmentBatch,
  augmentImage,
  makeViews,
  sampleGeometry,
  DIGIT_SIDE,
  ELASTIC_SIGMA,
} from './augment.js';
export {
  elasticField,
  geometryAffine,
  identityAffine,
  warpImage,
  type Affine,
  type Geometry,
} from './warp.js';
export {
  checkContrastiveConfig,
  contrastiveLosses,
  defaultContrastiveConfig,
  projectionHeadKinds,
  type ContrastiveConfig,
  type ContrastiveLoss,
  type ProjectionHeads,
} from './config.js';
export { convForward, convKernelGradient, convLayer, type ConvActivation } from './conv-layer.js';
export { encoderShapes, initialEncoderWeights, project, represent, type EncoderParams } from './encoder.js';
export { infoNce, l2Normalize, pairLoss, splitSimilarities, type PairLoss } from './info-nce.js';
export { createMemoryBank, type MemoryBank } from './memory-bank.js';
export {
  createContrastiveModel,
  type ContrastiveModel,
  type ContrastiveStepResult,
  type ImageBatch,
} from './contrastive-model.js';
export {
  defaultProbeConfig,
  embeddingMap,
  linearProbe,
  type LabelledFeatures,
  type ProbeConfig,
  type ProbeResult,
} from './linear-probe.js';
