/** The convolutional sparse-coding lab's maths (issue 4): graphs (conv-graph.ts) and plain TypeScript. */
export {
  assertConvSparseConfig,
  checkConvSparseConfig,
  defaultConvSparseConfig,
  inferenceStepsRange,
  kernelCounts,
  kernelSizeRange,
  lambdaRange,
  learningRateRange,
  predictionWeightRange,
  type ConvNonlinearity,
  type ConvOptimizer,
  type ConvSparseConfig,
  type ConvVariant,
  type KernelCount,
} from './config.js';
export {
  convDecodeProgram,
  convEncodeProgram,
  convGradientProgram,
  convTrainProgram,
  type ConvShape,
} from './conv-graph.js';
export {
  decoderLipschitz,
  kernelOrientation,
  kernelPowerSpectrum,
  spectrumSize,
  type KernelOrientation,
} from './kernel-spectrum.js';
export { kernelShape, type KernelShape } from './kernel-shape.js';
export {
  createConvSparseCoder,
  initialKernels,
  splitKernels,
  type ConvKernels,
  type ConvSparseCoder,
  type ConvSparseStepStats,
} from './conv-sparse-coder.js';
export {
  defaultOrientedEdgeConfig,
  imageBatch,
  localContrastNormalise,
  orientedEdgeImages,
  randomCrops,
  type ContrastNormalisation,
  type OrientedEdgeConfig,
} from './images.js';
export {
  kernelGreys,
  layoutKernelGrid,
  layoutKernelRows,
  layoutKernelSweep,
  type GreyPicture,
  type KernelPictureOptions,
} from './kernel-picture.js';
