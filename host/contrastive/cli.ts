/**
 * Flags of `ebm-lab train contrastive` (issue 6): kebab-case flags onto ContrastiveLabConfig
 * fields (numbers converted only when the text is one, so parseContrastiveConfig's sentences
 * name the field and its range), plus
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
  type ContrastivePresetName,
} from '../../protocol/contrastive/config.js';
import { numberOrText } from '../cli-args.js';

const kebab = (key: string): string => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const fieldFlags = Object.fromEntries(Object.keys(contrastiveFields).map((k) => [kebab(k), k]));

export const contrastiveValueFlags = [...Object.keys(fieldFlags), ...augmentNames, 'heads', 'loss', 'preset'];

export const contrastiveHelp = `  ebm-lab train contrastive [options]   self-supervised embeddings of MNIST (SimCLR / PIRL) with a linear probe
      --preset default|quick|pirl|tiny  --temperature X (τ)  --batch-size N (negatives from the batch)
      --memory-bank-size N  --heads shared|separate  --loss nt-xent|info-nce  --learning-rate X
      --epochs N  --steps-per-epoch N (0: a pass)  --probe-digits N  --probe-steps N  --seed N
      --conv1-channels N  --conv2-channels N  --representation-dim N  --projection-dim N
      --rotation X|off  --scale X|off  --translation X|off  --crop X|off  --elastic X|off  --noise X|off
      the probe accuracies (learned, random encoder, pixels) go to the run folder's exports/probe.json`;

/** The config of `train contrastive` flags, or the sentences of every wrong field. */
export function contrastiveConfigFromFlags(
  values: ReadonlyMap<string, string>,
): { ok: true; config: ContrastiveLabConfig } | { ok: false; messages: string[] } {
  const presetName = values.get('preset') ?? 'default';
  if (!(presetName in contrastivePresets)) {
    const names = Object.keys(contrastivePresets).join(', ');
    return { ok: false, messages: [`--preset must be one of ${names}; got ${JSON.stringify(presetName)}.`] };
  }
  const preset: ContrastiveLabConfig = contrastivePresets[presetName as ContrastivePresetName];
  const input: Record<string, unknown> = { ...preset };
  for (const [flag, key] of Object.entries(fieldFlags)) {
    const text = values.get(flag);
    if (text !== undefined) input[key] = numberOrText(text);
  }
  for (const key of ['heads', 'loss'] as const) {
    const text = values.get(key);
    if (text !== undefined) input[key] = text;
  }
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
  const parsed = parseContrastiveConfig(input);
  return parsed.ok
    ? { ok: true, config: parsed.value }
    : { ok: false, messages: parsed.errors.map((e) => e.message) };
}

/** Epochs and samples per step, for the progress bar. */
export function contrastiveProgress(config: ContrastiveLabConfig): {
  epochs: number;
  samplesPerStep: number;
} {
  return { epochs: config.epochs, samplesPerStep: config.batchSize };
}
