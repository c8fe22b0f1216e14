/**
 * The sparse lab's own state: the form, the run on show, live λ and η, the snapshot of the
 * dictionary being looked at (null: the latest), and λ for re-inferring the shown sample.
 */
import type { SparsePresetName } from '../../../protocol/sparse/config.js';
import { checkSparseForm, presetSparseForm, type SparseForm } from './form.js';
import { getLabs } from '../../state/context.js';
import type { RunView } from '../../state/run-view.svelte.js';
import { SingleRunLab } from '../../state/single-run-lab.svelte.js';

export class SparseLabState extends SingleRunLab {
  form = $state<SparseForm>(presetSparseForm('mnist'));
  preset = $state<SparsePresetName | 'custom'>('mnist');
  check = $derived(checkSparseForm(this.form));
  liveLambda = $state(1);
  liveLearningRate = $state(0.5);
  /** Index into the run's dictionary snapshots; null follows the latest. */
  snapshot = $state<number | null>(null);

  choosePreset(name: SparsePresetName): void {
    this.form = presetSparseForm(name);
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
    await this.startRun({ lab: 'sparse', config }, () => {
      this.snapshot = null;
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

  protected override shown(): void {
    this.snapshot = null;
  }

  protected override opened(view: RunView): void {
    if (view.spec?.lab === 'sparse') {
      this.liveLambda = view.spec.config.lambda;
      this.liveLearningRate = view.spec.config.learningRate;
    }
  }
}

/** The sparse lab's state (its components run inside the app shell, where Labs is set). */
export const getSparseLab = (): SparseLabState => getLabs().state('sparse') as SparseLabState;
