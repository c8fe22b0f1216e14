/**
 * `ebm-lab train sparse` (dictionary learning) and `ebm-lab train lista` (the same, then
 * LISTA): kebab-case flags onto SparseConfig fields, plus the data:
 *   --data mnist | dead-leaves | FOLDER   --whitening of|zca|none   --preset NAME
 */
import { resolve } from 'node:path';
import {
  parseSparseConfig,
  sparseFields,
  sparsePresets,
  type SparseConfig,
  type SparseTask,
} from '../../protocol/sparse/config.js';
import {
  cliLab,
  defaultTestLine,
  epochsOfBatches,
  fieldFlags,
  lastOf,
  parsedOf,
  pointOf,
  presetInput,
  setNumbers,
  type Parsed,
} from '../cli-lab.js';

const flags = fieldFlags(sparseFields);
const valueFlags = [...Object.keys(flags), 'data', 'whitening', 'preset'];

const whitenings: Readonly<Record<string, string>> = {
  of: 'olshausen-field',
  'olshausen-field': 'olshausen-field',
  zca: 'zca',
  none: 'none',
};

/** The config of `train sparse|lista` flags, or the sentences of every wrong field. */
export function sparseConfigFromFlags(
  values: ReadonlyMap<string, string>,
  task: SparseTask,
): Parsed<SparseConfig> {
  const start = presetInput(values, sparsePresets, task === 'lista' ? 'lista' : 'mnist');
  if (!start.ok) return start;
  const input: Record<string, unknown> = { ...start.input, task };
  setNumbers(values, flags, input);
  const data = values.get('data');
  const whiteningText = values.get('whitening');
  const whitening = whiteningText === undefined ? undefined : (whitenings[whiteningText] ?? whiteningText);
  const current = start.preset.data;
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
  return parsedOf(parseSparseConfig(input));
}

export const sparseCli = cliLab('sparse', {
  help: `  ebm-lab train sparse [options]   learn a sparse-coding dictionary (ISTA/FISTA codes, unit atoms)
      --preset mnist|patches8|patches16|tiny   --data mnist|dead-leaves|FOLDER (PNG/JPEG photos)
      --whitening of|zca|none  --patch-size N  --patch-count N  --atoms N  --lambda X
      --learning-rate X  --batch-size N  --epochs N  --code-iterations N  --seed N`,
  valueFlags,
  config: (values) => sparseConfigFromFlags(values, 'dictionary'),
  progress: epochsOfBatches,
});

export const listaCli = cliLab('sparse', {
  help: `  ebm-lab train lista [options]   the same, then LISTA with K steps trained to predict FISTA's codes
      --lista-steps K  --lista-iterations N  --lista-learning-rate X  (and every sparse option)`,
  valueFlags,
  config: (values) => sparseConfigFromFlags(values, 'lista'),
  progress: epochsOfBatches,
  testLine(event) {
    if (!event.columns.lista) return defaultTestLine(event);
    const { epoch, step } = pointOf(event);
    const [lista, ista, fista] = [lastOf(event, 'lista'), lastOf(event, 'ista'), lastOf(event, 'fista')];
    return {
      text: `LISTA code error ${lista.toPrecision(3)} vs ISTA ${ista.toPrecision(3)} and FISTA ${fista.toPrecision(3)} at the same K`,
      json: { epoch, step, lista, ista, fista },
    };
  },
});
