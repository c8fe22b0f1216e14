/**
 * The convolutional sparse-coding lab's own state: the form, the run on show, live λ and
 * learning rate. The views themselves live on the RunView ('kernels', 'maps', 'sweep').
 */
import type { ConvPresetName } from '../../../protocol/conv/config.js';
import { checkConvForm, presetConvForm, type ConvForm } from './form.js';
import { getLabs } from '../../state/context.js';
import type { RunView } from '../../state/run-view.svelte.js';
import { SingleRunLab } from '../../state/single-run-lab.svelte.js';

export class ConvLabState extends SingleRunLab {
  form = $state<ConvForm>(presetConvForm('sweep'));
  preset = $state<ConvPresetName | 'custom'>('sweep');
  check = $derived(checkConvForm(this.form));
  liveLambda = $state(1);
  liveLearningRate = $state(0.02);

  choosePreset(name: ConvPresetName): void {
    this.form = presetConvForm(name);
    this.preset = name;
    this.hostErrors = {};
  }

  edited(): void {
    this.preset = 'custom';
    this.hostErrors = {};
  }

  async start(): Promise<void> {
    const config = this.check.config;
    if (!config) return;
    await this.startRun({ lab: 'conv', config }, () => {
      this.liveLambda = config.lambda;
      this.liveLearningRate = config.learningRate;
    });
  }

  setLambda(value: number): void {
    this.liveLambda = value;
    this.sendParam('lambda', value);
  }

  setLearningRate(value: number): void {
    this.liveLearningRate = value;
    this.sendParam('learningRate', value);
  }

  protected override opened(view: RunView): void {
    if (view.spec?.lab === 'conv') {
      this.liveLambda = view.spec.config.lambda;
      this.liveLearningRate = view.spec.config.learningRate;
    }
  }
}

/** The conv lab's state (its components run inside the app shell, where Labs is set). */
export const getConvLab = (): ConvLabState => getLabs().state('conv') as ConvLabState;
