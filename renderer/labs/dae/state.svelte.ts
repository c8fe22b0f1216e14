/**
 * The MNIST denoising autoencoder's state: the form (noise kind and numbers as text, checked
 * by parseDenoiserConfig), the run on show, and its live noise strength and learning rate.
 */
import {
  defaultDenoiserConfig,
  denoiserFields,
  parseDenoiserConfig,
  type NoiseKind,
} from '../../../protocol/dae/config.js';
import { errorsByField, readNumber } from '../vae/form.js';
import { getLabs } from '../../state/context.js';
import { SingleRunLab } from '../../state/single-run-lab.svelte.js';

export type DenoiserNumericField = keyof typeof denoiserFields;
export const denoiserNumericFields = Object.keys(denoiserFields) as DenoiserNumericField[];

export class DenoiserLabState extends SingleRunLab {
  noise = $state<NoiseKind>(defaultDenoiserConfig.noise);
  numbers = $state(
    Object.fromEntries(denoiserNumericFields.map((k) => [k, String(defaultDenoiserConfig[k])])) as Record<
      DenoiserNumericField,
      string
    >,
  );
  liveStrength = $state(defaultDenoiserConfig.strength);

  check = $derived.by(() => {
    const input: Record<string, unknown> = { noise: this.noise };
    for (const key of denoiserNumericFields) input[key] = readNumber(this.numbers[key]);
    const result = parseDenoiserConfig(input);
    return result.ok
      ? { config: result.value, errors: {} as Record<string, string> }
      : { config: null, errors: errorsByField(result.errors) };
  });

  async start(): Promise<void> {
    const config = this.check.config;
    if (!config) return;
    await this.startRun({ lab: 'dae', config }, () => {
      this.liveStrength = config.strength;
    });
  }
  setStrength(value: number): void {
    this.liveStrength = value;
    this.sendParam('strength', value);
  }
}

export const getDenoiserLab = (): DenoiserLabState => getLabs().state('dae') as DenoiserLabState;
