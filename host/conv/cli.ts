/**
 * Flags of `ebm-lab train conv` (convolutional sparse coding, issue 4): kebab-case flags onto
 * ConvLabConfig fields (numbers converted only when the text is one, so parseConvConfig's
 * sentences name the field and its range), plus
 *   --sweep N        the lecture's sweep n = 1, 2, 4 … N (N = 64 by default in a sweep)
 *   --kernels N      one model of N kernels (unless --sweep or --mode sweep)
 *   --data textured-leaves (default) | dead-leaves | mnist | FOLDER   --preprocessing whiten|lcn|none   --preset NAME
 */
import { resolve } from 'node:path';
import {
  convFields,
  convKernelCounts,
  convPresets,
  parseConvConfig,
  type ConvLabConfig,
  type ConvPresetName,
} from '../../protocol/conv/config.js';
import { kernelCounts } from '../../models/conv/config.js';
import { numberOrText } from '../cli-args.js';

const kebab = (key: string): string => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const fieldFlags = Object.fromEntries(Object.keys(convFields).map((k) => [kebab(k), k]));

export const convValueFlags = [
  ...Object.keys(fieldFlags),
  'mode',
  'sweep',
  'variant',
  'nonlinearity',
  'optimizer',
  'data',
  'preprocessing',
  'preset',
];

export const convHelp = `  ebm-lab train conv [options]   convolutional sparse coding, Y = Σᵢ Kᵢ ∗ Zᵢ (kernels and the n = 1…64 sweep)
      --sweep N (the sweep n = 1, 2, 4 … N; N one of 1, 2, 4 … 64)  or  --kernels N (one model)
      --preset sweep|single|centre|psd|tiny  --data textured-leaves|dead-leaves|mnist|FOLDER (photos)
      --preprocessing whiten|lcn|none  --kernel-size K (odd)  --lambda X  --learning-rate X
      --steps N (per model)  --batch-size N  --image-size N  --variant autoencoder|psd
      --nonlinearity shrink|tanh  --optimizer adam|sgd  --prediction-weight X  --inference-steps N (PSD)
      --seed N
      the kernels and the sweep are written as PNG and SVG to the run folder's exports/`;

/** The config of `train conv` flags, or the sentences of every wrong field. */
export function convConfigFromFlags(
  values: ReadonlyMap<string, string>,
): { ok: true; config: ConvLabConfig } | { ok: false; messages: string[] } {
  const presetName =
    values.get('preset') ?? (values.has('kernels') && !values.has('sweep') ? 'single' : 'sweep');
  if (!(presetName in convPresets)) {
    const names = Object.keys(convPresets).join(', ');
    return { ok: false, messages: [`--preset must be one of ${names}; got ${JSON.stringify(presetName)}.`] };
  }
  const input: Record<string, unknown> = { ...convPresets[presetName as ConvPresetName] };
  for (const [flag, key] of Object.entries(fieldFlags)) {
    const text = values.get(flag);
    if (text !== undefined) input[key] = numberOrText(text);
  }
  for (const key of ['mode', 'variant', 'nonlinearity', 'optimizer'] as const) {
    const text = values.get(key);
    if (text !== undefined) input[key] = text;
  }
  const sweep = values.get('sweep');
  if (sweep !== undefined) {
    if (!(kernelCounts as readonly number[]).includes(Number(sweep))) {
      return {
        ok: false,
        messages: [
          `--sweep must be one of ${kernelCounts.join(', ')} (the largest n of the sweep); got ${JSON.stringify(sweep)}.`,
        ],
      };
    }
    input.mode = 'sweep';
    input.kernels = numberOrText(sweep);
  } else if (values.has('kernels') && !values.has('mode')) input.mode = 'single';
  const data = values.get('data');
  const preprocessing = values.get('preprocessing');
  const current = input.data as ConvLabConfig['data'];
  const source =
    data === undefined
      ? current.source
      : data === 'mnist' || data === 'dead-leaves' || data === 'textured-leaves'
        ? data
        : 'folder';
  input.data = {
    source,
    ...(source === 'folder' ? { folder: resolve(data ?? '') } : {}),
    ...(preprocessing !== undefined
      ? { preprocessing }
      : data === undefined
        ? { preprocessing: current.preprocessing }
        : {}),
  };
  const parsed = parseConvConfig(input);
  return parsed.ok
    ? { ok: true, config: parsed.value }
    : { ok: false, messages: parsed.errors.map((e) => e.message) };
}

/** Models × steps: the progress bar counts each model as one "epoch". */
export function convProgress(config: ConvLabConfig): { epochs: number; samplesPerStep: number } {
  return { epochs: convKernelCounts(config).length, samplesPerStep: config.batchSize };
}
