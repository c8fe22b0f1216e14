/**
 * Settings of the convolutional sparse-coding lab (issue 4) with their documented defaults and
 * a check that names every field out of range. The lecture's filter sweep uses
 * n ∈ {1, 2, 4, 8, 16, 32, 64} kernels of 9×9.
 */

export const kernelCounts = [1, 2, 4, 8, 16, 32, 64] as const;
export type KernelCount = (typeof kernelCounts)[number];

/** How the encoder turns its convolution into a code (Kavukcuoglu et al. 2010, §2). */
export type ConvNonlinearity = 'shrink' | 'tanh';

/**
 * 'autoencoder': the encoder's output is the code (a convolutional sparse auto-encoder).
 * 'psd': predictive sparse decomposition: the code Z* minimises the convolutional energy by
 * FISTA warm-started at Enc(y); the encoder learns to predict it.
 */
export type ConvVariant = 'autoencoder' | 'psd';

/**
 * How a step moves the weights.
 * 'adam': Adam. Every weight moves about `learningRate` per step however weak its gradient, so
 *   weights the loss hardly constrains (a kernel's rim, a single kernel's shape) wander and fill
 *   the kernels with noise.
 * 'sgd': normalised gradient descent, θ ← θ − η·∇L / rms(∇L) for each weight tensor (all decoder
 *   kernels, all encoder kernels, the gains, the thresholds). Within a tensor weights move in
 *   proportion to their gradient, as in plain SGD, so a kernel keeps only what the loss asks
 *   for; the step's size is η whatever the gradient's scale, which plain SGD cannot offer here:
 *   its stable rate shrinks as kernels are added (5·10⁻⁴ is stable for one kernel and slow for
 *   16; 10⁻³ diverges at 16).
 */
export type ConvOptimizer = 'adam' | 'sgd';

export interface ConvSparseConfig {
  /** n, the number of kernels (feature maps). */
  readonly kernels: KernelCount;
  /** k, the side of every k×k kernel (odd, so a 'same' convolution has a centre). */
  readonly kernelSize: number;
  /** λ ≥ 0, the weight of ‖Z‖₁ (per image). */
  readonly lambda: number;
  /** The optimizer's learning rate (step size). */
  readonly learningRate: number;
  readonly optimizer: ConvOptimizer;
  /** The encoder's non-linearity: soft threshold with a learned per-map threshold, or tanh. */
  readonly nonlinearity: ConvNonlinearity;
  readonly variant: ConvVariant;
  /** α ≥ 0, the weight of the prediction term α‖Z* − Enc(y)‖² (PSD only). */
  readonly predictionWeight: number;
  /** FISTA iterations for Z* (PSD only). */
  readonly inferenceSteps: number;
}

export const defaultConvSparseConfig: ConvSparseConfig = {
  kernels: 16,
  kernelSize: 9,
  lambda: 0.5,
  learningRate: 0.01,
  optimizer: 'adam',
  nonlinearity: 'shrink',
  variant: 'autoencoder',
  predictionWeight: 1,
  inferenceSteps: 20,
};

export const kernelSizeRange = { min: 1, max: 31 } as const;
export const lambdaRange = { min: 0, max: 100 } as const;
export const learningRateRange = { min: 0, max: 1 } as const;
export const predictionWeightRange = { min: 0, max: 100 } as const;
export const inferenceStepsRange = { min: 1, max: 500 } as const;

function inRange(value: number, min: number, max: number, minExclusive = false): boolean {
  return Number.isFinite(value) && (minExclusive ? value > min : value >= min) && value <= max;
}

/**
 * Every problem with `config`, one sentence each naming the field and its allowed range;
 * empty when the config is good. With `imageSize` (the smaller side of the training images),
 * a kernel larger than the image is a problem too.
 */
export function checkConvSparseConfig(config: ConvSparseConfig, imageSize?: number): string[] {
  const issues: string[] = [];
  const { kernels, kernelSize: k, lambda, learningRate: lr, predictionWeight: alpha } = config;
  if (!(kernelCounts as readonly number[]).includes(kernels)) {
    issues.push(`The number of kernels (kernels) must be one of ${kernelCounts.join(', ')}, got ${kernels}.`);
  }
  if (!(Number.isInteger(k) && k % 2 === 1 && inRange(k, kernelSizeRange.min, kernelSizeRange.max))) {
    issues.push(
      `The kernel size (kernelSize) must be an odd whole number from ${kernelSizeRange.min} to ${kernelSizeRange.max}, got ${k}.`,
    );
  } else if (imageSize !== undefined && k > imageSize) {
    issues.push(
      `The kernel (kernelSize ${k}×${k}) is larger than the image (${imageSize}×${imageSize}); choose a kernel of at most ${imageSize}×${imageSize} or larger images.`,
    );
  }
  if (!inRange(lambda, lambdaRange.min, lambdaRange.max)) {
    issues.push(`λ (lambda) must be a number from ${lambdaRange.min} to ${lambdaRange.max}, got ${lambda}.`);
  }
  if (!inRange(lr, learningRateRange.min, learningRateRange.max, true)) {
    issues.push(
      `The learning rate (learningRate) must be a number greater than ${learningRateRange.min} and at most ${learningRateRange.max}, got ${lr}.`,
    );
  }
  if (config.nonlinearity !== 'shrink' && config.nonlinearity !== 'tanh') {
    issues.push(
      `The non-linearity (nonlinearity) must be 'shrink' or 'tanh', got '${String(config.nonlinearity)}'.`,
    );
  }
  if (config.optimizer !== 'adam' && config.optimizer !== 'sgd') {
    issues.push(`The optimizer (optimizer) must be 'adam' or 'sgd', got '${String(config.optimizer)}'.`);
  }
  if (config.variant !== 'autoencoder' && config.variant !== 'psd') {
    issues.push(`The variant (variant) must be 'autoencoder' or 'psd', got '${String(config.variant)}'.`);
  }
  if (!inRange(alpha, predictionWeightRange.min, predictionWeightRange.max)) {
    issues.push(
      `The prediction weight α (predictionWeight) must be a number from ${predictionWeightRange.min} to ${predictionWeightRange.max}, got ${alpha}.`,
    );
  }
  const steps = config.inferenceSteps;
  if (!(Number.isInteger(steps) && inRange(steps, inferenceStepsRange.min, inferenceStepsRange.max))) {
    issues.push(
      `The inference steps (inferenceSteps) must be a whole number from ${inferenceStepsRange.min} to ${inferenceStepsRange.max}, got ${steps}.`,
    );
  }
  return issues;
}

/** Throws one Error listing every problem (for factories that refuse a bad config). */
export function assertConvSparseConfig(config: ConvSparseConfig, imageSize?: number): void {
  const issues = checkConvSparseConfig(config, imageSize);
  if (issues.length) throw new Error(`Convolutional sparse coding: ${issues.join(' ')}`);
}
