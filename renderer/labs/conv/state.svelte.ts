/**
 * The convolutional sparse-coding lab's own state: the form and the run on show (λ and the
 * learning rate live: LabRuns). The views themselves live on the RunView ('kernels', 'maps', 'sweep').
 */
import {
  convFields,
  convPresets,
  type ConvLabConfig,
  type ConvPresetName,
} from '../../../protocol/conv/config.js';
import type { StartSpec } from '../../../protocol/labs.js';
import { matchingPreset } from '../../lib/form.js';
import { checkConvForm, formFromConvConfig, presetConvForm, type ConvForm } from './form.js';
import { getLabs } from '../../state/context.js';
import { FormLabRuns } from '../../state/lab-runs.svelte.js';

export class ConvLabState extends FormLabRuns<ConvForm, ConvPresetName, ConvLabConfig> {
  readonly lab = 'conv';
  readonly fields = convFields;
  form = $state<ConvForm>(presetConvForm('sweep'));
  preset: ConvPresetName | 'custom' = $derived(matchingPreset(convPresets, this.form, formFromConvConfig));
  check = $derived(checkConvForm(this.form));

  protected presetForm = presetConvForm;
  protected specsOf = (config: ConvLabConfig): StartSpec[] => [{ lab: 'conv', config }];

  protected restore(spec: StartSpec): void {
    if (spec.lab === 'conv') this.form = formFromConvConfig(spec.config);
  }
}

/** The conv lab's state (its components run inside the app shell, where Labs is set). */
export const getConvLab = (): ConvLabState => getLabs().state('conv') as ConvLabState;
