/**
 * `ebm-lab train contrastive` (issue 6): kebab-case flags onto ContrastiveLabConfig fields,
 * plus
 *   --preset default|quick|pirl|tiny   --heads shared|separate   --loss nt-xent|info-nce
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
import { numberOrText } from '../cli-args.js';
import {
  cliLab,
  epochsOfBatches,
  fieldFlags,
  lastOf,
  parsedOf,
  pointOf,
  presetInput,
  setNumbers,
  setTexts,
  type Parsed,
} from '../cli-lab.js';

const flags = fieldFlags(contrastiveFields);

const help = `  ebm-lab train contrastive [options]   self-supervised embeddings of MNIST (SimCLR / PIRL) with a linear probe
      --preset default|quick|pirl|tiny  --temperature X (τ)  --batch-size N (negatives from the batch)
      --memory-bank-size N  --heads shared|separate  --loss nt-xent|info-nce  --learning-rate X
      --epochs N  --steps-per-epoch N (0: a pass)  --probe-digits N  --probe-steps N  --seed N
      --conv1-channels N  --conv2-channels N  --representation-dim N  --projection-dim N
      --rotation X|off  --scale X|off  --translation X|off  --crop X|off  --elastic X|off  --noise X|off
      the probe accuracies (learned, random encoder, pixels) go to the run folder's exports/probe.json`;

/** The config of `train contrastive` flags, or the sentences of every wrong field. */
export function contrastiveConfigFromFlags(
  values: ReadonlyMap<string, string>,
): Parsed<ContrastiveLabConfig> {
  const start = presetInput(values, contrastivePresets, 'default');
  if (!start.ok) return start;
  const { input } = start;
  const preset: ContrastiveLabConfig = start.preset;
  setNumbers(values, flags, input);
  setTexts(values, ['heads', 'loss'], input);
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
  return parsedOf(parseContrastiveConfig(input));
}

export const contrastiveCli = cliLab('contrastive', {
  help,
  valueFlags: [...Object.keys(flags), ...augmentNames, 'heads', 'loss', 'preset'],
  config: contrastiveConfigFromFlags,
  progress: epochsOfBatches,
  testLine(event) {
    const { epoch, step } = pointOf(event);
    const [probe, random, pixels] = [
      lastOf(event, 'probe'),
      lastOf(event, 'random'),
      lastOf(event, 'pixels'),
    ];
    const pc = (x: number): string => `${(100 * x).toFixed(1)} %`;
    const text =
      event.columns.probeTrain === undefined
        ? `linear probe before training: random encoder ${pc(random)}, raw pixels ${pc(pixels)} (test accuracy)`
        : `epoch ${epoch}: linear probe test accuracy ${pc(probe)} (random encoder ${pc(random)}, pixels ${pc(pixels)})`;
    return { text, json: { epoch, step, probe, random, pixels } };
  },
});
