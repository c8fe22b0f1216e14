/**
 * `ebm-lab train dae` (the denoising autoencoder on the embedded MNIST digits): its fields as
 * kebab-case flags, and --noise gaussian|mask.
 */
import {
  defaultDenoiserConfig,
  denoiserFields,
  parseDenoiserConfig,
  type DenoiserConfig,
} from '../../protocol/dae/config.js';
import { cliLab, configFromFlags, epochsOfBatches, type LabFlags } from '../cli-lab.js';

const flags: LabFlags<DenoiserConfig> = {
  fields: denoiserFields,
  texts: ['noise'],
  presets: { default: defaultDenoiserConfig },
  preset: () => 'default',
  parse: parseDenoiserConfig,
};

export const denoiserConfigFromFlags = (values: ReadonlyMap<string, string>) =>
  configFromFlags(flags, values);

export const denoiserCli = cliLab('dae', {
  help: `  ebm-lab train dae [options]   a denoising autoencoder on the embedded MNIST digits
      --noise gaussian|mask  --strength X  --hidden-dim N  --batch-size N  --learning-rate X
      --epochs N  --seed N`,
  flags,
  progress: epochsOfBatches,
});
