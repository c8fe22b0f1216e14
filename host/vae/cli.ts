/**
 * `ebm-lab train vae`: the VAE's fields as kebab-case flags (--latent-dim …), --variant,
 * --preset default|course|tiny, and MNIST-format IDX files (--images --labels, and optionally
 * --test-images --test-labels), resolved to absolute paths.
 */
import { resolve } from 'node:path';
import { parseVaeConfig, vaeFields, vaePresets, type VaeConfig } from '../../protocol/vae/config.js';
import type { VaeColumn } from '../../protocol/vae/metrics.js';
import { cliLab, configFromFlags, epochsOfBatches, testLineOf, type LabFlags } from '../cli-lab.js';

const dataFlags = {
  images: 'images',
  labels: 'labels',
  'test-images': 'testImages',
  'test-labels': 'testLabels',
} as const;

const flags: LabFlags<VaeConfig> = {
  fields: vaeFields,
  texts: ['variant'],
  others: Object.keys(dataFlags),
  presets: vaePresets,
  preset: () => 'default',
  more(values, input) {
    const data: Record<string, string> = {};
    for (const [flag, key] of Object.entries(dataFlags)) {
      const text = values.get(flag);
      if (text !== undefined) data[key] = resolve(text);
    }
    if (Object.keys(data).length) input.data = { kind: 'idx', ...data };
  },
  parse: parseVaeConfig,
};

/** The VAE config of `train vae` flags, or the error sentences of every wrong field. */
export const vaeConfigFromFlags = (values: ReadonlyMap<string, string>) => configFromFlags(flags, values);

export const vaeCli = cliLab('vae', {
  help: `  ebm-lab train vae [options]   train a VAE (or the classic autoencoder) headless
      --preset default|course|tiny   start from a preset (default: d = 2)
      --variant vae|ae  --latent-dim N  --hidden-dim N  --batch-size N  --learning-rate X
      --epochs N  --beta X  --seed N  --test-fraction X
      --images F --labels F [--test-images F --test-labels F]   MNIST-format IDX files (.gz too)`,
  flags,
  progress: epochsOfBatches,
  testLine: testLineOf(
    ['total', 'recon', 'kl'] as const satisfies readonly VaeColumn[],
    ({ total, recon, kl }, epoch) =>
      `epoch ${epoch}: test loss ${total.toFixed(2)} (reconstruction ${recon.toFixed(2)}, KL ${kl.toFixed(2)})`,
  ),
});
