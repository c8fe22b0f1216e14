/**
 * The augmentations that make the two views of a digit (SimCLR, Chen et al. 2020, §3 and
 * appendix A; PIRL, Misra & van der Maaten 2020): each is switched on or off and has a
 * strength in its own units, with the allowed range in `augmentRanges`.
 */
import { rangeIssue, type ConfigIssue } from './config-issue.js';

/** One augmentation: on or off, and how strong when on. */
export interface AugmentSwitch {
  readonly on: boolean;
  /** Strength in the augmentation's own units (see AugmentConfig). */
  readonly strength: number;
}

export interface AugmentConfig {
  /** Rotation by an angle uniform in [−s, s] degrees. */
  readonly rotation: AugmentSwitch;
  /** Zoom by a factor uniform in [1 − s, 1 + s]. */
  readonly scale: AugmentSwitch;
  /** Shift by up to s pixels along each axis (uniform). */
  readonly translation: AugmentSwitch;
  /** Random resized crop: a window of area fraction uniform in [1 − s, 1] (aspect 3/4 to 4/3), resized to 28×28. */
  readonly crop: AugmentSwitch;
  /** Elastic distortion (Simard et al. 2003): a displacement field smoothed by a Gaussian of σ = 4 px, scaled to s pixels RMS. */
  readonly elastic: AugmentSwitch;
  /** Additive Gaussian noise of standard deviation s, then clipped to [0, 1]. */
  readonly noise: AugmentSwitch;
}

export type AugmentName = keyof AugmentConfig;

export const augmentNames: readonly AugmentName[] = [
  'rotation',
  'scale',
  'translation',
  'crop',
  'elastic',
  'noise',
];

/** Allowed strengths, inclusive, with the unit for messages. */
export const augmentRanges: Readonly<Record<AugmentName, { min: number; max: number; unit: string }>> = {
  rotation: { min: 0, max: 180, unit: 'degrees' },
  scale: { min: 0, max: 0.5, unit: 'relative zoom' },
  translation: { min: 0, max: 8, unit: 'pixels' },
  crop: { min: 0, max: 0.9, unit: 'fraction of area removed at most' },
  elastic: { min: 0, max: 4, unit: 'pixels RMS' },
  noise: { min: 0, max: 0.5, unit: 'standard deviation' },
};

/** A moderate MNIST recipe: rotation ±15°, zoom ±10 %, shift ±2 px, crops of ≥ 70 % area, mild elastic and noise. */
export const defaultAugmentConfig: AugmentConfig = {
  rotation: { on: true, strength: 15 },
  scale: { on: true, strength: 0.1 },
  translation: { on: true, strength: 2 },
  crop: { on: true, strength: 0.3 },
  elastic: { on: true, strength: 1 },
  noise: { on: true, strength: 0.1 },
};

/** Every augmentation off: the views are the images themselves. */
export const identityAugmentConfig: AugmentConfig = {
  rotation: { on: false, strength: 0 },
  scale: { on: false, strength: 0 },
  translation: { on: false, strength: 0 },
  crop: { on: false, strength: 0 },
  elastic: { on: false, strength: 0 },
  noise: { on: false, strength: 0 },
};

/** One issue per augmentation whose strength is not a number in its range (empty when all are fine). */
export function checkAugmentConfig(config: AugmentConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const name of augmentNames) {
    const { min, max, unit } = augmentRanges[name];
    const label = `The ${name} strength in ${unit}`;
    const issue = rangeIssue(`augment.${name}.strength`, label, config[name].strength, min, max);
    if (issue) issues.push(issue);
  }
  return issues;
}
