/**
 * The convolutional sparse-coding lab's form: text per numeric field (checked by
 * parseConvConfig as you type, so the window refuses exactly what the host refuses), the mode,
 * variant, non-linearity, optimizer, data and preprocessing. Presets fill it.
 */
import {
  convFields,
  convPresets,
  parseConvConfig,
  type ConvImageSource,
  type ConvLabConfig,
  type ConvMode,
  type ConvPreprocessing,
  type ConvPresetName,
} from '../../../protocol/conv/config.js';
import { checked, numbersOf, readNumber, type FormCheck, fieldNames } from '../../lib/form.js';
import type { ConvNonlinearity, ConvOptimizer, ConvVariant } from '../../../models/conv/config.js';

export type ConvNumericKey = keyof typeof convFields;
export const convNumericKeys = fieldNames(convFields);
/** Fields that matter only for PSD. */
export const psdKeys: readonly ConvNumericKey[] = ['predictionWeight', 'inferenceSteps'];

export interface ConvForm {
  mode: ConvMode;
  variant: ConvVariant;
  nonlinearity: ConvNonlinearity;
  optimizer: ConvOptimizer;
  source: ConvImageSource;
  folder: string;
  preprocessing: ConvPreprocessing;
  numbers: Record<ConvNumericKey, string>;
}

export function formFromConvConfig(config: ConvLabConfig): ConvForm {
  const numbers = numbersOf(convNumericKeys, config);
  return {
    mode: config.mode,
    variant: config.variant,
    nonlinearity: config.nonlinearity,
    optimizer: config.optimizer,
    source: config.data.source,
    folder: config.data.folder ?? '',
    preprocessing: config.data.preprocessing,
    numbers,
  };
}

export const presetConvForm = (name: ConvPresetName): ConvForm => formFromConvConfig(convPresets[name]);

export function convFormToInput(form: ConvForm): Record<string, unknown> {
  const input: Record<string, unknown> = {
    mode: form.mode,
    variant: form.variant,
    nonlinearity: form.nonlinearity,
    optimizer: form.optimizer,
  };
  for (const key of convNumericKeys) input[key] = readNumber(form.numbers[key]);
  input.data = {
    source: form.source,
    preprocessing: form.preprocessing,
    ...(form.source === 'folder' ? { folder: form.folder } : {}),
  };
  return input;
}

export function checkConvForm(form: ConvForm): FormCheck<ConvLabConfig> {
  return checked(parseConvConfig(convFormToInput(form)), 'conv');
}
