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
import {
  cliLab,
  epochsOfBatches,
  fieldFlags,
  parsedOf,
  setNumbers,
  setTexts,
  type Parsed,
} from '../cli-lab.js';

const flags = fieldFlags(denoiserFields);

export function denoiserConfigFromFlags(values: ReadonlyMap<string, string>): Parsed<DenoiserConfig> {
  const input: Record<string, unknown> = { ...defaultDenoiserConfig };
  setNumbers(values, flags, input);
  setTexts(values, ['noise'], input);
  return parsedOf(parseDenoiserConfig(input));
}

export const denoiserCli = cliLab('dae', {
  help: `  ebm-lab train dae [options]   a denoising autoencoder on the embedded MNIST digits
      --noise gaussian|mask  --strength X  --hidden-dim N  --batch-size N  --learning-rate X
      --epochs N  --seed N`,
  valueFlags: [...Object.keys(flags), 'noise'],
  config: denoiserConfigFromFlags,
  progress: epochsOfBatches,
});
