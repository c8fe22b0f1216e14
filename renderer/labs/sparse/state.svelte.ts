/**
 * The sparse lab's own state: the form, the run on show (λ and η live: LabRuns), and the
 * snapshot of the dictionary being looked at (null: the latest).
 */
import type { StartSpec } from '../../../protocol/labs.js';
import {
  sparseFields,
  sparsePresets,
  type SparseConfig,
  type SparsePresetName,
} from '../../../protocol/sparse/config.js';
import { matchingPreset } from '../../lib/form.js';
import { checkSparseForm, presetSparseForm, sparseFormFromConfig, type SparseForm } from './form.js';
import { getLabs } from '../../state/context.js';
import { FormLabRuns } from '../../state/lab-runs.svelte.js';

export class SparseLabState extends FormLabRuns<SparseForm, SparsePresetName, SparseConfig> {
  readonly lab = 'sparse';
  readonly fields = sparseFields;
  form = $state<SparseForm>(presetSparseForm('mnist'));
  preset: SparsePresetName | 'custom' = $derived(
    matchingPreset(sparsePresets, this.form, sparseFormFromConfig),
  );
  check = $derived(checkSparseForm(this.form));
  /** Index into the run's dictionary snapshots; null follows the latest. */
  snapshot = $state<number | null>(null);

  protected presetForm = presetSparseForm;
  protected specsOf = (config: SparseConfig): StartSpec[] => [{ lab: 'sparse', config }];

  protected restore(spec: StartSpec): void {
    if (spec.lab === 'sparse') this.form = sparseFormFromConfig(spec.config);
  }

  protected override shown(): void {
    this.snapshot = null;
  }
}

/** The sparse lab's state (its components run inside the app shell, where Labs is set). */
export const getSparseLab = (): SparseLabState => getLabs().state('sparse') as SparseLabState;
