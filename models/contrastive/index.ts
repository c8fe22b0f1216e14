/** The contrastive-embedding lab's maths (issue 6): graphs (models/graph/) and TypeScript, no Node, DOM or Electron. */
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
export {
  encoderShapes,
  initialEncoderWeights,
  project,
  represent,
  type EncoderParams,
  type EncoderShape,
} from './encoder.js';
export {
  infoNce,
  l2Normalize,
  pairLoss,
  rowLogSumExp,
  splitSimilarities,
  type PairLoss,
} from './info-nce.js';
export { bankFilledMask, bankState, filledAfter, pushedBank } from './memory-bank.js';
export {
  contrastiveEvalProgram,
  contrastiveTrainProgram,
  type ContrastiveShape,
} from './contrastive-graph.js';
export {
  createContrastiveModel,
  type ContrastiveModel,
  type ContrastiveStepResult,
} from './contrastive-model.js';
export {
  createLinearProbe,
  defaultProbeConfig,
  embeddingMap,
  linearProbe,
  type LinearProbe,
  type LabelledFeatures,
  type ProbeConfig,
  type ProbeResult,
} from './linear-probe.js';
