/**
 * The VAE form: every control holds text (what the user typed); the config is parsed from
 * it with the protocol's own parseVaeConfig, so the renderer refuses exactly what the host
 * refuses, and each error sentence lands under its field.
 */
import {
  parseVaeConfig,
  vaeFields,
  vaePresets,
  type VaeConfig,
  type VaeVariant,
} from '../../../protocol/vae/config.js';
import { checked, readNumber, type FormCheck, fieldNames } from '../../lib/form.js';

export type NumericField = keyof typeof vaeFields;
export const numericFields = fieldNames(vaeFields);

export interface VaeForm {
  variant: VaeVariant;
  numbers: Record<NumericField, string>;
  /** Host paths of IDX files; empty images and labels mean the embedded digits. */
  idxImages: string;
  idxLabels: string;
  idxTestImages: string;
  idxTestLabels: string;
}

export function formFromConfig(config: VaeConfig): VaeForm {
  const numbers = {} as Record<NumericField, string>;
  for (const key of numericFields) numbers[key] = String(config[key]);
  const data = config.data;
  return {
    variant: config.variant,
    numbers,
    idxImages: data.kind === 'idx' ? data.images : '',
    idxLabels: data.kind === 'idx' ? data.labels : '',
    idxTestImages: data.kind === 'idx' ? (data.testImages ?? '') : '',
    idxTestLabels: data.kind === 'idx' ? (data.testLabels ?? '') : '',
  };
}

export function presetForm(name: keyof typeof vaePresets): VaeForm {
  return formFromConfig(vaePresets[name]);
}

/** What trains beside the VAE: nothing, the classic AE, or a twin with β = 0 (one at a time). */
export type Beside = 'none' | 'ae' | 'beta0';

/** What a preset trains beside the VAE (nothing: each preset is one model, at its own speed). */
export const presetBeside: Readonly<Record<keyof typeof vaePresets, Beside>> = {
  default: 'none',
  course: 'none',
  tiny: 'none',
};

/** The untrusted object parseVaeConfig (and the host) will check. */
export function formToInput(form: VaeForm): Record<string, unknown> {
  const input: Record<string, unknown> = { variant: form.variant };
  for (const key of numericFields) input[key] = readNumber(form.numbers[key]);
  const images = form.idxImages.trim();
  const labels = form.idxLabels.trim();
  if (images || labels || form.idxTestImages.trim() || form.idxTestLabels.trim()) {
    input.data = {
      kind: 'idx',
      images,
      labels,
      testImages: form.idxTestImages.trim() || undefined,
      testLabels: form.idxTestLabels.trim() || undefined,
    };
  } else {
    input.data = { kind: 'embedded' };
  }
  return input;
}

/** The config, or the error sentences by field ('data' for the file paths, 'config' for the whole). */
export function checkForm(form: VaeForm): FormCheck<VaeConfig> {
  return checked(parseVaeConfig(formToInput(form)), 'vae');
}

/** The same config with the other variant (the classic AE trained beside the VAE). */
export function companionConfig(config: VaeConfig): VaeConfig {
  return { ...config, variant: config.variant === 'vae' ? 'ae' : 'vae' };
}

/**
 * The two runs of a β comparison (08-3, "without the spring"): the config as it is and its twin
 * with β = 0 (same data, seed and settings), both marked as one pair.
 */
export function betaZeroPair(config: VaeConfig): [VaeConfig, VaeConfig] {
  const marked = { ...config, betaZeroTwin: true };
  return [marked, { ...marked, beta: 0 }];
}

/** The preset whose settings the config has (whatever its variant and seed), or 'custom'. */
export function matchPreset(config: VaeConfig | null): keyof typeof vaePresets | 'custom' {
  if (!config || config.data.kind !== 'embedded') return 'custom';
  for (const name of ['default', 'course'] as const) {
    const preset = vaePresets[name];
    if (numericFields.every((key) => key === 'seed' || config[key] === preset[key])) return name;
  }
  return 'custom';
}
