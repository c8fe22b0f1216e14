/**
 * The contrastive lab's own state: the form (filled from a reopened run's config), the run on show with live τ and learning rate,
 * and a comparison — 2–3 runs started together that differ only in τ or in the batch size
 * (the number of negatives), whose loss and probe curves are overlaid.
 */
import type { ContrastivePresetName } from '../../../protocol/contrastive/config.js';
import {
  checkContrastiveForm,
  contrastiveFormFromConfig,
  matchContrastivePreset,
  parseCompareValues,
  presetContrastiveForm,
  type CompareKind,
  type ContrastiveForm,
} from './form.js';
import { markStartClicked } from '../../lib/perf.js';
import { HostError } from '../../lib/requests.js';
import { getLabs } from '../../state/context.js';
import type { LabClient } from '../../state/lab-client.svelte.js';
import type { LabState } from '../../state/labs.svelte.js';
import type { RunView } from '../../state/run-view.svelte.js';

/** One run of a comparison, with its legend label and colour (Okabe–Ito). */
export interface CompareRun {
  readonly view: RunView;
  readonly label: string;
  readonly color: string;
}

export const compareColors = ['#0072b2', '#d55e00', '#009e73'] as const;

const isLive = (view: RunView | null | undefined): boolean =>
  view?.state === 'running' || view?.state === 'paused' || view?.state === 'starting';

export class ContrastiveLabState implements LabState {
  form = $state<ContrastiveForm>(presetContrastiveForm('default'));
  preset = $state<ContrastivePresetName | 'custom'>('default');
  check = $derived(checkContrastiveForm(this.form));
  hostErrors = $state.raw<Readonly<Record<string, string>>>({});
  starting = $state(false);
  primary = $state.raw<RunView | null>(null);
  liveTemperature = $state(0.2);
  liveLearningRate = $state(2e-3);
  compare = $state.raw<readonly CompareRun[]>([]);
  compareKind = $state<CompareKind>('temperature');
  compareText = $state('0.05, 0.2, 1');
  compareError = $state<string | null>(null);

  constructor(private readonly client: LabClient) {}

  get runs(): RunView[] {
    const others = this.compare.map((c) => c.view).filter((v) => v !== this.primary);
    return this.primary ? [this.primary, ...others] : others;
  }

  get running(): boolean {
    return isLive(this.primary);
  }

  get comparing(): boolean {
    return this.compare.some((c) => isLive(c.view));
  }

  choosePreset(name: ContrastivePresetName): void {
    this.form = presetContrastiveForm(name);
    this.preset = name;
    this.hostErrors = {};
  }

  edited(): void {
    this.preset = 'custom';
    this.hostErrors = {};
  }

  chooseCompareKind(kind: CompareKind): void {
    this.compareKind = kind;
    this.compareText = kind === 'temperature' ? '0.05, 0.2, 1' : '16, 64, 256';
    this.compareError = null;
  }

  async start(): Promise<void> {
    const config = this.check.config;
    if (!config || this.starting) return;
    this.starting = true;
    this.hostErrors = {};
    markStartClicked();
    try {
      this.primary = await this.client.start({ lab: 'contrastive', config });
      this.liveTemperature = config.temperature;
      this.liveLearningRate = config.learningRate;
    } catch (error) {
      const field = error instanceof HostError && error.field ? error.field : 'config';
      this.hostErrors = { [field]: (error as Error).message };
    } finally {
      this.starting = false;
    }
  }

  /** Starts one run per value of τ or of the batch size, the rest of the form unchanged. */
  async startCompare(): Promise<void> {
    const config = this.check.config;
    if (!config || this.starting) return;
    const values = parseCompareValues(this.compareText, this.compareKind);
    if (typeof values === 'string') {
      this.compareError = values;
      return;
    }
    this.compareError = null;
    this.starting = true;
    const kind = this.compareKind;
    const runs: CompareRun[] = [];
    try {
      for (const [i, value] of values.entries()) {
        const view = await this.client.start({ lab: 'contrastive', config: { ...config, [kind]: value } });
        const label = kind === 'temperature' ? `τ = ${value}` : `N = ${value} (${value - 1} negatives)`;
        runs.push({ view, label, color: compareColors[i % compareColors.length]! });
      }
    } catch (error) {
      this.compareError = (error as Error).message;
    } finally {
      this.compare = runs;
      if (runs[0]) this.primary = runs[0].view;
      this.starting = false;
    }
  }

  pause(): void {
    for (const view of this.runs) if (isLive(view)) this.client.pause(view.runId);
  }
  resume(): void {
    for (const view of this.runs) if (view.state === 'paused') this.client.resume(view.runId);
  }
  stop(): void {
    for (const view of this.runs) if (isLive(view)) this.client.stop(view.runId);
  }

  setTemperature(value: number): void {
    this.liveTemperature = value;
    if (this.primary && this.running) this.client.setParam(this.primary.runId, 'temperature', value);
  }

  setLearningRate(value: number): void {
    this.liveLearningRate = value;
    if (this.primary && this.running) this.client.setParam(this.primary.runId, 'learningRate', value);
  }

  show(view: RunView): void {
    this.primary = view;
    if (!this.compare.some((c) => c.view === view)) this.compare = [];
  }

  async open(runId: string): Promise<void> {
    try {
      const view = await this.client.openRun(runId);
      this.primary = view;
      this.compare = [];
      if (view.spec?.lab === 'contrastive') {
        const config = view.spec.config;
        this.liveTemperature = config.temperature;
        this.liveLearningRate = config.learningRate;
        // The form shows the reopened run's settings, ready to train again or to vary.
        this.form = contrastiveFormFromConfig(config);
        this.preset = matchContrastivePreset(config);
        this.hostErrors = {};
      }
    } catch (error) {
      this.client.notify('error', `Could not open run ${runId}: ${(error as Error).message}`);
    }
  }
}

/** The contrastive lab's state (its components run inside the app shell, where Labs is set). */
export const getContrastiveLab = (): ContrastiveLabState =>
  getLabs().state('contrastive') as ContrastiveLabState;
