/**
 * Settings of the contrastive lab's model: encoder and projection-head sizes, the loss, the
 * temperature τ, the memory bank and Adam's learning rate. Defaults are a small MNIST
 * SimCLR; checkContrastiveConfig names every field out of range and the range allowed.
 */
import { rangeIssue, type ConfigIssue } from './config-issue.js';

/**
 * 'nt-xent': SimCLR's normalised-temperature cross entropy over the 2N views of a batch
 *   (each view's positive is its partner, the other 2N − 2 views and the bank its negatives).
 * 'info-nce': InfoNCE in one direction (CPC; MoCo's queue): each g(view 2) against f(view 1) of
 *   the same image (positive), f(view 1) of the other images and a first-in-first-out queue of
 *   the last `memoryBankSize` embeddings (negatives).
 * 'pirl-nce': PIRL's NCE: each embedding against the image's own entry of a per-image memory
 *   bank (positive) and `memoryBankSize` entries of other images (negatives), binary
 *   data-vs-noise classification, both views (info-nce.ts pirlNce, pirl-bank.ts).
 */
export type ContrastiveLoss = 'nt-xent' | 'info-nce' | 'pirl-nce';
export const contrastiveLosses: readonly ContrastiveLoss[] = ['nt-xent', 'info-nce', 'pirl-nce'];

/** 'shared': one projection head for both views (SimCLR); 'separate': f for view 1, g for view 2 (PIRL). */
export type ProjectionHeads = 'shared' | 'separate';
export const projectionHeadKinds: readonly ProjectionHeads[] = ['shared', 'separate'];

export interface ContrastiveConfig {
  /** Channels of the first 3×3 stride-2 convolution (28×28 → 14×14). */
  readonly conv1Channels: number;
  /** Channels of the second 3×3 stride-2 convolution (14×14 → 7×7). */
  readonly conv2Channels: number;
  /** Size of the representation h (dense layer after the convolutions; what the linear probe reads). */
  readonly representationDim: number;
  /** Hidden width of the 2-layer projection head. */
  readonly projectionHidden: number;
  /** Size of the projected, L2-normalised embedding z on which similarities are taken. */
  readonly projectionDim: number;
  readonly heads: ProjectionHeads;
  readonly loss: ContrastiveLoss;
  /** τ: similarities are divided by it before the softmax. */
  readonly temperature: number;
  /**
   * nt-xent and info-nce: past embeddings kept (a queue) as extra negatives (0: the batch only);
   * pirl-nce: the bank entries of other images drawn as negatives each step (at least 1).
   */
  readonly memoryBankSize: number;
  /** Adam's learning rate. */
  readonly learningRate: number;
}

export const defaultContrastiveConfig: ContrastiveConfig = {
  conv1Channels: 16,
  conv2Channels: 32,
  representationDim: 64,
  projectionHidden: 64,
  projectionDim: 32,
  heads: 'shared',
  loss: 'nt-xent',
  temperature: 0.2,
  memoryBankSize: 0,
  learningRate: 2e-3,
};

/** Every field out of range, each with a sentence naming it and its range (empty when all are fine). */
export function checkContrastiveConfig(config: ContrastiveConfig): ConfigIssue[] {
  const int = { integer: true };
  const issues = [
    rangeIssue('conv1Channels', 'The first convolution’s channels', config.conv1Channels, 1, 128, int),
    rangeIssue('conv2Channels', 'The second convolution’s channels', config.conv2Channels, 1, 256, int),
    rangeIssue('representationDim', 'The representation size', config.representationDim, 2, 1024, int),
    rangeIssue(
      'projectionHidden',
      'The projection head’s hidden width',
      config.projectionHidden,
      1,
      1024,
      int,
    ),
    rangeIssue('projectionDim', 'The embedding size', config.projectionDim, 2, 512, int),
    rangeIssue('temperature', 'The temperature τ', config.temperature, 0.01, 10),
    rangeIssue('memoryBankSize', 'The memory bank size', config.memoryBankSize, 0, 65536, int),
    rangeIssue('learningRate', 'The learning rate', config.learningRate, 0, 1, { minExclusive: true }),
  ].filter((issue): issue is ConfigIssue => issue !== null);
  if (!contrastiveLosses.includes(config.loss)) {
    issues.push({
      field: 'loss',
      message: `The loss (loss) must be one of ${contrastiveLosses.join(', ')}, got ${String(config.loss)}.`,
    });
  }
  if (config.loss === 'pirl-nce' && config.memoryBankSize < 1) {
    issues.push({
      field: 'memoryBankSize',
      message: `PIRL's NCE draws its negatives from the memory bank: the bank size (memoryBankSize) must be at least 1, got ${config.memoryBankSize}.`,
    });
  }
  if (!projectionHeadKinds.includes(config.heads)) {
    issues.push({
      field: 'heads',
      message: `The projection heads (heads) must be one of ${projectionHeadKinds.join(', ')}, got ${String(config.heads)}.`,
    });
  }
  return issues;
}
