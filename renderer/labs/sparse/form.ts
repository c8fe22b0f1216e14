/**
 * The sparse lab's form: text per numeric field (checked by parseSparseConfig as you type),
 * the task, where the samples come from and the whitening. Presets fill it.
 */
import type { FieldError } from '../../../protocol/fields.js';
import {
  parseSparseConfig,
  sparseFields,
  sparsePresets,
  type PatchWhitening,
  type SparseConfig,
  type SparsePresetName,
  type SparseTask,
} from '../../../protocol/sparse/config.js';

export type SparseNumericKey = keyof typeof sparseFields;
export const sparseNumericKeys = Object.keys(sparseFields) as SparseNumericKey[];
/** Fields shown for every task; LISTA's only for task 'lista', patch ones only for patches. */
export const listaKeys: readonly SparseNumericKey[] = ['listaSteps', 'listaIterations', 'listaLearningRate'];
export const patchKeys: readonly SparseNumericKey[] = ['patchSize', 'patchCount'];

export type DataChoice = 'mnist' | 'dead-leaves' | 'folder';

export interface SparseForm {
  task: SparseTask;
  data: DataChoice;
  folder: string;
  whitening: PatchWhitening;
  numbers: Record<SparseNumericKey, string>;
}

export function presetSparseForm(name: SparsePresetName): SparseForm {
  const preset: SparseConfig = sparsePresets[name];
  const numbers = Object.fromEntries(sparseNumericKeys.map((k) => [k, String(preset[k])])) as Record<
    SparseNumericKey,
    string
  >;
  const data = preset.data;
  return {
    task: preset.task,
    data: data.kind === 'mnist' ? 'mnist' : data.source,
    folder: data.kind === 'patches' ? (data.folder ?? '') : '',
    whitening: data.kind === 'patches' ? data.whitening : 'olshausen-field',
    numbers,
  };
}

function toNumber(text: string): number | string {
  const n = Number(text);
  return text.trim() !== '' && Number.isFinite(n) ? n : text;
}

export function sparseFormToInput(form: SparseForm): Record<string, unknown> {
  const input: Record<string, unknown> = { task: form.task };
  for (const key of sparseNumericKeys) input[key] = toNumber(form.numbers[key]);
  input.data =
    form.data === 'mnist'
      ? { kind: 'mnist' }
      : {
          kind: 'patches',
          source: form.data,
          whitening: form.whitening,
          ...(form.data === 'folder' ? { folder: form.folder } : {}),
        };
  return input;
}

export interface SparseFormCheck {
  readonly config: SparseConfig | null;
  readonly errors: Readonly<Record<string, string>>;
}

function byField(errors: readonly FieldError[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of errors) out[e.field] = out[e.field] ? `${out[e.field]} ${e.message}` : e.message;
  return out;
}

export function checkSparseForm(form: SparseForm): SparseFormCheck {
  const result = parseSparseConfig(sparseFormToInput(form));
  return result.ok ? { config: result.value, errors: {} } : { config: null, errors: byField(result.errors) };
}
