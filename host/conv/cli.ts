/**
 * `ebm-lab train conv` (convolutional sparse coding, issue 4): kebab-case flags onto
 * ConvLabConfig fields, plus
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
} from '../../protocol/conv/config.js';
import { kernelCounts } from '../../models/conv/config.js';
import { numberOrText } from '../cli-args.js';
import { cliLab, configFromFlags, type LabFlags } from '../cli-lab.js';
const help = `  ebm-lab train conv [options]   convolutional sparse coding, Y = Σᵢ Kᵢ ∗ Zᵢ (kernels and the n = 1…64 sweep)
      --sweep N (the sweep n = 1, 2, 4 … N; N one of 1, 2, 4 … 64)  or  --kernels N (one model)
      --preset sweep|single|centre|psd|tiny  --data textured-leaves|dead-leaves|mnist|FOLDER (photos)
      --preprocessing whiten|lcn|none  --kernel-size K (odd)  --lambda X  --learning-rate X
      --steps N (per model)  --batch-size N  --image-size N  --variant autoencoder|psd
      --nonlinearity shrink|tanh  --optimizer adam|sgd  --prediction-weight X  --inference-steps N (PSD)
      --seed N
      the kernels and the sweep are written as PNG and SVG to the run folder's exports/`;

const flags: LabFlags<ConvLabConfig> = {
  fields: convFields,
  texts: ['mode', 'variant', 'nonlinearity', 'optimizer'],
  others: ['sweep', 'data', 'preprocessing'],
  presets: convPresets,
  preset: (values) => (values.has('kernels') && !values.has('sweep') ? 'single' : 'sweep'),
  more(values, input, preset) {
    const sweep = values.get('sweep');
    if (sweep !== undefined) {
      if (!(kernelCounts as readonly number[]).includes(Number(sweep)))
        return `--sweep must be one of ${kernelCounts.join(', ')} (the largest n of the sweep); got ${JSON.stringify(sweep)}.`;
      input.mode = 'sweep';
      input.kernels = numberOrText(sweep);
    } else if (values.has('kernels') && !values.has('mode')) input.mode = 'single';
    const data = values.get('data');
    const preprocessing = values.get('preprocessing');
    const current = preset.data;
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
  },
  parse: parseConvConfig,
};

/** The config of `train conv` flags, or the sentences of every wrong field. */
export const convConfigFromFlags = (values: ReadonlyMap<string, string>) => configFromFlags(flags, values);

export const convCli = cliLab('conv', {
  help,
  flags,
  // Models × steps: the progress bar counts models ("model 3/7").
  progress: (config) => ({
    epochs: convKernelCounts(config).length,
    samplesPerStep: config.batchSize,
    unit: 'model',
  }),
});
