/**
 * The sparse lab's form: text per numeric field (checked by parseSparseConfig as you type),
 * the task, the codes' sign, where the samples come from and the whitening. Presets fill it.
 */
import {
  parseSparseConfig,
  sparseFields,
  sparsePresets,
  type PatchWhitening,
  type SparseCodes,
  type SparseConfig,
  type SparsePresetName,
  type SparseTask,
} from '../../../protocol/sparse/config.js';
import { checked, numbersOf, readNumber, type FormCheck, fieldNames } from '../../lib/form.js';

export type SparseNumericKey = keyof typeof sparseFields;
export const sparseNumericKeys = fieldNames(sparseFields);
/** Fields shown for every task; LISTA's only for task 'lista', patch ones only for patches. */
export const listaKeys: readonly SparseNumericKey[] = ['listaSteps', 'listaIterations', 'listaLearningRate'];
export const patchKeys: readonly SparseNumericKey[] = ['patchSize', 'patchCount'];

export type DataChoice = 'mnist' | 'dead-leaves' | 'folder';

export interface SparseForm {
  task: SparseTask;
  codes: SparseCodes;
  data: DataChoice;
  folder: string;
  whitening: PatchWhitening;
  numbers: Record<SparseNumericKey, string>;
}

/** The form showing `config` (a preset's, or a reopened run's). */
export function sparseFormFromConfig(config: SparseConfig): SparseForm {
  const numbers = numbersOf(sparseNumericKeys, config);
  const data = config.data;
  return {
    task: config.task,
    codes: config.codes,
    data: data.kind === 'mnist' ? 'mnist' : data.source,
    folder: data.kind === 'patches' ? (data.folder ?? '') : '',
    whitening: data.kind === 'patches' ? data.whitening : 'olshausen-field',
    numbers,
  };
}

export const presetSparseForm = (name: SparsePresetName): SparseForm =>
  sparseFormFromConfig(sparsePresets[name]);

export function sparseFormToInput(form: SparseForm): Record<string, unknown> {
  const input: Record<string, unknown> = { task: form.task, codes: form.codes };
  for (const key of sparseNumericKeys) input[key] = readNumber(form.numbers[key]);
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

export function checkSparseForm(form: SparseForm): FormCheck<SparseConfig> {
  return checked(parseSparseConfig(sparseFormToInput(form)), 'sparse');
}
