/** The convolutional sparse-coding lab's maths (issue 4): pure TensorFlow.js and TypeScript. */
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
export { sameConv, sameConvKernelGradient, sameConvOfData } from './same-conv.js';
export {
  convDecode,
  convDecodeAdjoint,
  convEncode,
  shrinkPerMap,
  unitKernels,
  type EncoderParams,
} from './codec.js';
export { convEnergy, convFista, type ConvFistaOptions } from './conv-fista.js';
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
