/**
 * Flags of `ebm-lab train sparse` (dictionary learning) and `ebm-lab train lista` (the same,
 * then LISTA): kebab-case flags onto SparseConfig fields (numbers converted only when the text
 * is one, so parseSparseConfig's sentences name the field and its range), plus the data:
 *   --data mnist | dead-leaves | FOLDER   --whitening of|zca|none   --preset NAME
 */
import { resolve } from 'node:path';
import {
  parseSparseConfig,
  sparseFields,
  sparsePresets,
  type SparseConfig,
  type SparsePresetName,
  type SparseTask,
} from '../../protocol/sparse/config.js';
import { numberOrText } from '../cli-args.js';

const kebab = (key: string): string => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const fieldFlags = Object.fromEntries(Object.keys(sparseFields).map((k) => [kebab(k), k]));

export const sparseValueFlags = [...Object.keys(fieldFlags), 'data', 'whitening', 'preset'];

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
): { ok: true; config: SparseConfig } | { ok: false; messages: string[] } {
  const presetName = values.get('preset') ?? (task === 'lista' ? 'lista' : 'mnist');
  if (!(presetName in sparsePresets)) {
    const names = Object.keys(sparsePresets).join(', ');
    return { ok: false, messages: [`--preset must be one of ${names}; got ${JSON.stringify(presetName)}.`] };
  }
  const input: Record<string, unknown> = { ...sparsePresets[presetName as SparsePresetName], task };
  for (const [flag, key] of Object.entries(fieldFlags)) {
    const text = values.get(flag);
    if (text !== undefined) input[key] = numberOrText(text);
  }
  const data = values.get('data');
  const whiteningText = values.get('whitening');
  const whitening = whiteningText === undefined ? undefined : (whitenings[whiteningText] ?? whiteningText);
  const current = input.data as SparseConfig['data'];
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
  const parsed = parseSparseConfig(input);
  return parsed.ok
    ? { ok: true, config: parsed.value }
    : { ok: false, messages: parsed.errors.map((e) => e.message) };
}
