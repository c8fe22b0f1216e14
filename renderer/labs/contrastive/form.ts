/**
 * The contrastive lab's form: text per numeric field and per augmentation strength (checked by
 * parseContrastiveConfig as you type), augmentation switches, heads and loss. Presets fill it.
 */
import { augmentNames, type AugmentName } from '../../../models/contrastive/augment-config.js';
import type { ContrastiveLoss, ProjectionHeads } from '../../../models/contrastive/config.js';
import {
  contrastiveFields,
  contrastivePresets,
  parseContrastiveConfig,
  type ContrastiveLabConfig,
  type ContrastivePresetName,
} from '../../../protocol/contrastive/config.js';
import { checked, numbersOf, readNumber, type FormCheck, fieldNames } from '../../lib/form.js';
import { fieldLabel } from '../../lib/field-text.js';
import { decimal, t } from '../../lib/i18n/translate.js';

export type ContrastiveNumericKey = keyof typeof contrastiveFields;
export const contrastiveNumericKeys = fieldNames(contrastiveFields);
/** Fields of the training group; the rest are the encoder's sizes and the probe. */
export const trainingKeys: readonly ContrastiveNumericKey[] = [
  'temperature',
  'batchSize',
  'memoryBankSize',
  'learningRate',
  'epochs',
  'stepsPerEpoch',
  'seed',
];

export interface ContrastiveForm {
  numbers: Record<ContrastiveNumericKey, string>;
  augment: Record<AugmentName, { on: boolean; strength: string }>;
  heads: ProjectionHeads;
  loss: ContrastiveLoss;
}

/**
 * The form showing `config` (a preset's, or a reopened run's; a setting an older run folder
 * lacks shows the default preset's).
 */
export function contrastiveFormFromConfig(saved: ContrastiveLabConfig): ContrastiveForm {
  const base: ContrastiveLabConfig = contrastivePresets.default;
  const config: ContrastiveLabConfig = { ...base, ...saved, augment: { ...base.augment, ...saved.augment } };
  const numbers = numbersOf(contrastiveNumericKeys, config);
  const augment = Object.fromEntries(
    augmentNames.map((n) => [n, { on: config.augment[n].on, strength: String(config.augment[n].strength) }]),
  ) as ContrastiveForm['augment'];
  return { numbers, augment, heads: config.heads, loss: config.loss };
}

export function presetContrastiveForm(name: ContrastivePresetName): ContrastiveForm {
  return contrastiveFormFromConfig(contrastivePresets[name]);
}

/** The preset `config` is (the seed aside), or 'custom'. */
export function matchContrastivePreset(config: ContrastiveLabConfig): ContrastivePresetName | 'custom' {
  for (const name of Object.keys(contrastivePresets) as ContrastivePresetName[]) {
    const preset: ContrastiveLabConfig = contrastivePresets[name];
    const same =
      contrastiveNumericKeys.every((k) => k === 'seed' || config[k] === preset[k]) &&
      config.heads === preset.heads &&
      config.loss === preset.loss &&
      augmentNames.every(
        (n) =>
          config.augment[n].on === preset.augment[n].on &&
          config.augment[n].strength === preset.augment[n].strength,
      );
    if (same) return name;
  }
  return 'custom';
}

export function contrastiveFormToInput(form: ContrastiveForm): Record<string, unknown> {
  const input: Record<string, unknown> = { heads: form.heads, loss: form.loss };
  for (const key of contrastiveNumericKeys) input[key] = readNumber(form.numbers[key]);
  input.augment = Object.fromEntries(
    augmentNames.map((n) => [n, { on: form.augment[n].on, strength: readNumber(form.augment[n].strength) }]),
  );
  return input;
}

export function checkContrastiveForm(form: ContrastiveForm): FormCheck<ContrastiveLabConfig> {
  return checked(parseContrastiveConfig(contrastiveFormToInput(form)), 'contrastive');
}

/** What a comparison varies. */
export type CompareKind = 'temperature' | 'batchSize';

/** The values of a comparison typed as "0.05, 0.2, 1" (2–3 distinct numbers), or a sentence. */
export function parseCompareValues(text: string, kind: CompareKind): number[] | string {
  const parts = text.split(/[,\s]+/).filter((p) => p !== '');
  const values = [...new Set(parts.map(Number))];
  const spec = contrastiveFields[kind];
  if (parts.length < 2 || parts.length > 3 || values.length !== parts.length)
    return t('contrastive.compare.give', { field: fieldLabel('contrastive', kind, spec) });
  for (const v of values) {
    const bad =
      !Number.isFinite(v) || v < spec.min || v > spec.max || (spec.kind === 'int' && !Number.isInteger(v));
    if (bad)
      return t(spec.kind === 'int' ? 'contrastive.compare.wholeRange' : 'contrastive.compare.range', {
        field: fieldLabel('contrastive', kind, spec),
        min: decimal(String(spec.min)),
        max: decimal(String(spec.max)),
      });
  }
  return values;
}
