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
import type { FieldError } from '../../../protocol/fields.js';
import type { ConvNonlinearity, ConvOptimizer, ConvVariant } from '../../../models/conv/config.js';

export type ConvNumericKey = keyof typeof convFields;
export const convNumericKeys = Object.keys(convFields) as ConvNumericKey[];
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
  const numbers = Object.fromEntries(convNumericKeys.map((k) => [k, String(config[k])])) as Record<
    ConvNumericKey,
    string
  >;
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

function toNumber(text: string): number | string {
  const n = Number(text);
  return text.trim() !== '' && Number.isFinite(n) ? n : text;
}

export function convFormToInput(form: ConvForm): Record<string, unknown> {
  const input: Record<string, unknown> = {
    mode: form.mode,
    variant: form.variant,
    nonlinearity: form.nonlinearity,
    optimizer: form.optimizer,
  };
  for (const key of convNumericKeys) input[key] = toNumber(form.numbers[key]);
  input.data = {
    source: form.source,
    preprocessing: form.preprocessing,
    ...(form.source === 'folder' ? { folder: form.folder } : {}),
  };
  return input;
}

export interface ConvFormCheck {
  readonly config: ConvLabConfig | null;
  readonly errors: Readonly<Record<string, string>>;
}

function byField(errors: readonly FieldError[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of errors) out[e.field] = out[e.field] ? `${out[e.field]} ${e.message}` : e.message;
  return out;
}

export function checkConvForm(form: ConvForm): ConvFormCheck {
  const result = parseConvConfig(convFormToInput(form));
  return result.ok ? { config: result.value, errors: {} } : { config: null, errors: byField(result.errors) };
}
