/**
 * `ebm-lab train sparse` (dictionary learning) and `ebm-lab train lista` (the same, then
 * LISTA): kebab-case flags onto SparseConfig fields, plus the data:
 *   --data mnist | dead-leaves | FOLDER   --whitening of|zca|none   --codes signed|non-negative
 *   --preset NAME
 * Patches from the MNIST preset take signed codes unless --codes says otherwise (whitened
 * patches are signed).
 */
import { resolve } from 'node:path';
import {
  parseSparseConfig,
  sparseFields,
  sparsePresets,
  type SparseConfig,
  type SparseTask,
} from '../../protocol/sparse/config.js';
import type { SparseColumn } from '../../protocol/sparse/metrics.js';
import { isRecord } from '../../protocol/fields.js';
import {
  cliLab,
  configFromFlags,
  defaultTestLine,
  epochsOfBatches,
  testLineOf,
  type LabFlags,
} from '../cli-lab.js';

const whitenings: Readonly<Record<string, string>> = {
  of: 'olshausen-field',
  'olshausen-field': 'olshausen-field',
  zca: 'zca',
  none: 'none',
};

/** The flags of `train sparse` (task 'dictionary') or `train lista`. */
const flagsOf = (task: SparseTask): LabFlags<SparseConfig> => ({
  fields: sparseFields,
  others: ['data', 'whitening', 'codes'],
  presets: sparsePresets,
  preset: () => (task === 'lista' ? 'lista' : 'mnist'),
  more(values, input, preset) {
    input.task = task;
    const data = values.get('data');
    const whiteningText = values.get('whitening');
    const whitening = whiteningText === undefined ? undefined : (whitenings[whiteningText] ?? whiteningText);
    const current = preset.data;
    if (data === 'mnist') input.data = { kind: 'mnist' };
    else if (data === 'dead-leaves' || (data === undefined && whitening !== undefined))
      input.data = {
        kind: 'patches',
        source: 'dead-leaves',
        whitening: whitening ?? (current.kind === 'patches' ? current.whitening : 'olshausen-field'),
      };
    else if (data !== undefined)
      input.data = {
        kind: 'patches',
        source: 'folder',
        folder: resolve(data),
        whitening: whitening ?? 'olshausen-field',
      };
    const codes = values.get('codes');
    if (codes !== undefined) input.codes = codes;
    else if (isRecord(input.data) && input.data.kind === 'patches' && current.kind === 'mnist')
      input.codes = 'signed';
  },
  parse: parseSparseConfig,
});
const dictionary = flagsOf('dictionary');
const lista = flagsOf('lista');

/** The config of `train sparse|lista` flags, or the sentences of every wrong field. */
export const sparseConfigFromFlags = (values: ReadonlyMap<string, string>, task: SparseTask) =>
  configFromFlags(task === 'lista' ? lista : dictionary, values);

/** LISTA's closing test point: its code error beside ISTA's and FISTA's at the same K. */
const listaLine = testLineOf(
  ['lista', 'ista', 'fista'] as const satisfies readonly SparseColumn[],
  ({ lista: k, ista, fista }) =>
    `LISTA code error ${k.toPrecision(3)} vs ISTA ${ista.toPrecision(3)} and FISTA ${fista.toPrecision(3)} at the same K`,
);

export const sparseCli = cliLab('sparse', {
  help: `  ebm-lab train sparse [options]   learn a sparse-coding dictionary (ISTA/FISTA codes, unit atoms)
      --preset mnist|patches8|patches16|tiny   --data mnist|dead-leaves|FOLDER (PNG/JPEG photos)
      --codes signed|non-negative (z ≥ 0 and W ≥ 0; the MNIST preset's)
      --whitening of|zca|none  --patch-size N  --patch-count N  --atoms N  --lambda X
      --learning-rate X  --batch-size N  --epochs N  --code-iterations N  --seed N`,
  flags: dictionary,
  progress: epochsOfBatches,
});

export const listaCli = cliLab('sparse', {
  help: `  ebm-lab train lista [options]   the same, then LISTA with K steps trained to predict FISTA's codes
      --lista-steps K  --lista-iterations N  --lista-learning-rate X  (and every sparse option)`,
  flags: lista,
  progress: epochsOfBatches,
  testLine: (event) => (event.columns.lista ? listaLine(event) : defaultTestLine(event)),
});
