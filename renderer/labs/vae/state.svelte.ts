/**
 * The VAE lab's own state: the form (text per control, checked by parseVaeConfig), the run on
 * show and the classic AE trained beside it. β and the learning rate change live (LabRuns).
 */
import type { StartSpec } from '../../../protocol/labs.js';
import { vaeFields, vaePresets, type VaeConfig } from '../../../protocol/vae/config.js';
import {
  checkForm,
  companionConfig,
  formFromConfig,
  matchPreset,
  presetForm,
  presetWithAe,
  type VaeForm,
} from './form.js';
import { getLabs } from '../../state/context.js';
import { FormLabRuns } from '../../state/lab-runs.svelte.js';
import type { RunView } from '../../state/run-view.svelte.js';

export type PresetName = keyof typeof vaePresets | 'custom';

export class VaeLabState extends FormLabRuns<VaeForm, keyof typeof vaePresets, VaeConfig> {
  readonly lab = 'vae';
  readonly fields = vaeFields;
  form = $state<VaeForm>(presetForm('default'));
  /** Start a classic autoencoder with the same settings beside the VAE. */
  withAe = $state(false);
  check = $derived(checkForm(this.form));
  /** The preset the settings match, or 'custom' once edited away from both. */
  preset: PresetName = $derived(matchPreset(this.check.config));

  /** The classic AE trained beside the VAE, when there is one. */
  get companion(): RunView | null {
    return this.started[1] ?? null;
  }

  /** A preset fills every control it names, "train a classic AE beside it" included. */
  override choosePreset(name: keyof typeof vaePresets): void {
    const variant = this.form.variant;
    super.choosePreset(name);
    this.form.variant = variant;
    this.withAe = presetWithAe[name];
  }

  protected presetForm = presetForm;
  protected specsOf(config: VaeConfig): StartSpec[] {
    const specs: StartSpec[] = [{ lab: 'vae', config }];
    if (this.withAe && config.variant === 'vae') specs.push({ lab: 'vae', config: companionConfig(config) });
    return specs;
  }

  protected override takesLive(run: RunView, name: string): boolean {
    return name !== 'beta' || run.setting('variant') !== 'ae';
  }

  protected restore(spec: StartSpec): void {
    if (spec.lab !== 'vae') return;
    this.form = formFromConfig(spec.config);
    this.withAe = false;
  }
}

/** The VAE lab's state (its components run inside the app shell, where Labs is set). */
export const getVaeLab = (): VaeLabState => getLabs().state('vae') as VaeLabState;
