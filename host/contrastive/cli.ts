/**
 * `ebm-lab train contrastive` (issue 6): kebab-case flags onto ContrastiveLabConfig fields,
 * plus
 *   --preset default|quick|pirl|tiny   --heads shared|separate   --loss nt-xent|info-nce|pirl-nce
 *   --rotation X | off   (and --scale, --translation, --crop, --elastic, --noise): a strength
 *                        switches that augmentation on, `off` switches it off
 */
import {
  augmentNames,
  type AugmentName,
  type AugmentSwitch,
} from '../../models/contrastive/augment-config.js';
import {
  contrastiveFields,
  contrastivePresets,
  parseContrastiveConfig,
  type ContrastiveLabConfig,
} from '../../protocol/contrastive/config.js';
import type { ContrastiveColumn } from '../../protocol/contrastive/metrics.js';
import { numberOrText } from '../cli-args.js';
import { cliLab, configFromFlags, epochsOfBatches, testLineOf, type LabFlags } from '../cli-lab.js';

const help = `  ebm-lab train contrastive [options]   self-supervised embeddings of MNIST (SimCLR / PIRL) with a linear probe
      --preset default|quick|pirl|tiny  --temperature X (τ)  --batch-size N (negatives from the batch)
      --memory-bank-size N  --heads shared|separate  --loss nt-xent|info-nce|pirl-nce  --learning-rate X
      --epochs N  --steps-per-epoch N (0: a pass)  --probe-digits N  --probe-steps N  --seed N
      --conv1-channels N  --conv2-channels N  --representation-dim N  --projection-dim N
      --rotation X|off  --scale X|off  --translation X|off  --crop X|off  --elastic X|off  --noise X|off
      the probe accuracies (learned, random encoder, pixels) go to the run folder's exports/probe.json`;

const flags: LabFlags<ContrastiveLabConfig> = {
  fields: contrastiveFields,
  texts: ['heads', 'loss'],
  others: augmentNames,
  presets: contrastivePresets,
  preset: () => 'default',
  more(values, input, preset) {
    const augment: Record<AugmentName, AugmentSwitch | { on: boolean; strength: unknown }> = {
      ...preset.augment,
    };
    for (const name of augmentNames) {
      const text = values.get(name);
      if (text === undefined) continue;
      augment[name] =
        text === 'off' ? { ...preset.augment[name], on: false } : { on: true, strength: numberOrText(text) };
    }
    input.augment = augment;
  },
  parse: parseContrastiveConfig,
};

/** The config of `train contrastive` flags, or the sentences of every wrong field. */
export const contrastiveConfigFromFlags = (values: ReadonlyMap<string, string>) =>
  configFromFlags(flags, values);

export const contrastiveCli = cliLab('contrastive', {
  help,
  flags,
  progress: epochsOfBatches,
  testLine: testLineOf(
    ['probe', 'random', 'pixels'] as const satisfies readonly ContrastiveColumn[],
    ({ probe, random, pixels }, epoch, event) => {
      const pc = (x: number): string => `${(100 * x).toFixed(1)} %`;
      return event.columns.probeTrain === undefined
        ? `linear probe before training: random encoder ${pc(random)}, raw pixels ${pc(pixels)} (test accuracy)`
        : `epoch ${epoch}: linear probe test accuracy ${pc(probe)} (random encoder ${pc(random)}, pixels ${pc(pixels)})`;
    },
  ),
});
