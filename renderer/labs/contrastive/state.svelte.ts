/**
 * The contrastive lab's own state: the form (filled from a reopened run's config), the run on
 * show (τ and the learning rate live: LabRuns), and a comparison — 2–3 runs started together
 * that differ only in τ or in the batch size (the number of negatives), whose loss and probe
 * curves are overlaid.
 */
import {
  contrastiveFields,
  type ContrastiveLabConfig,
  type ContrastivePresetName,
} from '../../../protocol/contrastive/config.js';
import type { StartSpec } from '../../../protocol/labs.js';
import {
  checkContrastiveForm,
  contrastiveFormFromConfig,
  matchContrastivePreset,
  parseCompareValues,
  presetContrastiveForm,
  type CompareKind,
  type ContrastiveForm,
} from './form.js';
import { decimal, t } from '../../lib/i18n/translate.js';
import { getLabs } from '../../state/context.js';
import { FormLabRuns } from '../../state/lab-runs.svelte.js';
import type { RunView } from '../../state/run-view.svelte.js';

/** One run of a comparison, with its legend label and colour (Okabe–Ito). */
export interface CompareRun {
  readonly view: RunView;
  readonly label: string;
  readonly color: string;
}

export const compareColors = ['#0072b2', '#d55e00', '#009e73'] as const;

export class ContrastiveLabState extends FormLabRuns<
  ContrastiveForm,
  ContrastivePresetName,
  ContrastiveLabConfig
> {
  readonly lab = 'contrastive';
  readonly fields = contrastiveFields;
  form = $state<ContrastiveForm>(presetContrastiveForm('default'));
  check = $derived(checkContrastiveForm(this.form));
  preset = $derived(this.check.config ? matchContrastivePreset(this.check.config) : 'custom');
  compare = $state.raw<readonly CompareRun[]>([]);
  compareKind = $state<CompareKind>('temperature');
  compareText = $state('0.05, 0.2, 1');
  compareError = $state<string | null>(null);

  protected presetForm = presetContrastiveForm;
  protected specsOf = (config: ContrastiveLabConfig): StartSpec[] => [{ lab: 'contrastive', config }];

  chooseCompareKind(kind: CompareKind): void {
    this.compareKind = kind;
    this.compareText = kind === 'temperature' ? '0.05, 0.2, 1' : '16, 64, 256';
    this.compareError = null;
  }

  override async start(): Promise<void> {
    if (await this.startForm()) this.compare = [];
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
    const kind = this.compareKind;
    const started = await this.startRuns(
      values.map((value) => ({ lab: 'contrastive', config: { ...config, [kind]: value } })),
    );
    if (!started) {
      this.compareError = this.hostErrors.config ?? Object.values(this.hostErrors)[0] ?? null;
      return;
    }
    this.compare = this.started.map((view, i) => ({
      view,
      label:
        kind === 'temperature'
          ? `τ = ${decimal(String(values[i]))}`
          : t('contrastive.compare.batchLabel', { n: values[i]!, negatives: values[i]! - 1 }),
      color: compareColors[i % compareColors.length]!,
    }));
  }

  /** A live τ goes to the run on show only: the others of a comparison keep theirs. */
  protected override takesLive(run: RunView): boolean {
    return run === this.primary;
  }

  override show(view: RunView): void {
    const compared = this.compare.map((c) => c.view);
    super.show(view);
    if (compared.includes(view)) this.started = [view, ...compared.filter((v) => v !== view)];
    else this.compare = [];
  }

  protected restore(spec: StartSpec): void {
    if (spec.lab === 'contrastive') this.form = contrastiveFormFromConfig(spec.config);
  }
}

/** The contrastive lab's state (its components run inside the app shell, where Labs is set). */
export const getContrastiveLab = (): ContrastiveLabState =>
  getLabs().state('contrastive') as ContrastiveLabState;
