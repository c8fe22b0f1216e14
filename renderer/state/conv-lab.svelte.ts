/**
 * The convolutional sparse-coding lab's own state: the form, the run on show, live λ and
 * learning rate. The views themselves live on the RunView ('kernels', 'maps', 'sweep').
 */
import type { ConvPresetName } from '../../protocol/conv-config.js';
import { checkConvForm, presetConvForm, type ConvForm } from '../lib/conv-form.js';
import { markStartClicked } from '../lib/perf.js';
import { HostError } from '../lib/requests.js';
import { getLabs } from './context.js';
import type { LabClient } from './lab-client.svelte.js';
import type { LabState } from './labs.svelte.js';
import type { RunView } from './run-view.svelte.js';

export class ConvLabState implements LabState {
  form = $state<ConvForm>(presetConvForm('sweep'));
  preset = $state<ConvPresetName | 'custom'>('sweep');
  check = $derived(checkConvForm(this.form));
  hostErrors = $state.raw<Readonly<Record<string, string>>>({});
  starting = $state(false);
  primary = $state.raw<RunView | null>(null);
  liveLambda = $state(1);
  liveLearningRate = $state(0.02);

  constructor(private readonly client: LabClient) {}

  get runs(): RunView[] {
    return this.primary ? [this.primary] : [];
  }

  get running(): boolean {
    const s = this.primary?.state;
    return s === 'running' || s === 'paused' || s === 'starting';
  }

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
    if (!config || this.starting) return;
    this.starting = true;
    this.hostErrors = {};
    markStartClicked();
    try {
      this.primary = await this.client.start({ lab: 'conv', config });
      this.liveLambda = config.lambda;
      this.liveLearningRate = config.learningRate;
    } catch (error) {
      const field = error instanceof HostError && error.field ? error.field : 'config';
      this.hostErrors = { [field]: (error as Error).message };
    } finally {
      this.starting = false;
    }
  }

  pause(): void {
    if (this.primary) this.client.pause(this.primary.runId);
  }
  resume(): void {
    if (this.primary) this.client.resume(this.primary.runId);
  }
  stop(): void {
    if (this.primary) this.client.stop(this.primary.runId);
  }

  setLambda(value: number): void {
    this.liveLambda = value;
    if (this.primary && this.running) this.client.setParam(this.primary.runId, 'lambda', value);
  }

  setLearningRate(value: number): void {
    this.liveLearningRate = value;
    if (this.primary && this.running) this.client.setParam(this.primary.runId, 'learningRate', value);
  }

  show(view: RunView): void {
    this.primary = view;
  }

  async open(runId: string): Promise<void> {
    try {
      const view = await this.client.openRun(runId);
      this.primary = view;
      if (view.spec?.lab === 'conv') {
        this.liveLambda = view.spec.config.lambda;
        this.liveLearningRate = view.spec.config.learningRate;
      }
    } catch (error) {
      this.client.notify('error', `Could not open run ${runId}: ${(error as Error).message}`);
    }
  }
}

/** The conv lab's state (its components run inside the app shell, where Labs is set). */
export const getConvLab = (): ConvLabState => getLabs().state('conv') as ConvLabState;
