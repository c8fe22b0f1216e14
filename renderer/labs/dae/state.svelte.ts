/**
 * The MNIST denoising autoencoder's state: the form (noise kind and numbers as text, checked
 * by parseDenoiserConfig) and the run on show; noise strength and learning rate live (LabRuns).
 */
import {
  defaultDenoiserConfig,
  denoiserFields,
  parseDenoiserConfig,
  type NoiseKind,
} from '../../../protocol/dae/config.js';
import type { StartSpec } from '../../../protocol/labs.js';
import { checked, numbersOf, readNumbers, fieldNames } from '../../lib/form.js';
import { getLabs } from '../../state/context.js';
import { LabRuns } from '../../state/lab-runs.svelte.js';

export type DenoiserNumericField = keyof typeof denoiserFields;
export const denoiserNumericFields = fieldNames(denoiserFields);

export class DenoiserLabState extends LabRuns {
  readonly lab = 'dae';
  readonly fields = denoiserFields;
  noise = $state<NoiseKind>(defaultDenoiserConfig.noise);
  numbers = $state<Record<string, string>>(numbersOf(denoiserNumericFields, defaultDenoiserConfig));

  check = $derived(
    checked(
      parseDenoiserConfig({ noise: this.noise, ...readNumbers(denoiserNumericFields, this.numbers) }),
      'dae',
    ),
  );

  async start(): Promise<void> {
    const config = this.check.config;
    if (config) await this.startRuns([{ lab: 'dae', config }]);
  }

  protected restore(spec: StartSpec): void {
    if (spec.lab !== 'dae') return;
    this.noise = spec.config.noise;
    this.numbers = numbersOf(denoiserNumericFields, spec.config);
  }
}

export const getDenoiserLab = (): DenoiserLabState => getLabs().state('dae') as DenoiserLabState;
