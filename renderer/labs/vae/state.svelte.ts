/**
 * The VAE lab's own state: the form (text per control, checked by parseVaeConfig), the run on
 * show and the classic AE trained beside it. β and the learning rate change live (LabRuns).
 */
import type { StartSpec } from '../../../protocol/labs.js';
import { vaeFields, vaeLiveParams, vaePresets } from '../../../protocol/vae/config.js';
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
import { LabRuns } from '../../state/lab-runs.svelte.js';
import type { RunView } from '../../state/run-view.svelte.js';

export type PresetName = keyof typeof vaePresets | 'custom';

export class VaeLabState extends LabRuns {
  readonly lab = 'vae';
  readonly fields = vaeFields;
  readonly liveNames: readonly string[] = Object.keys(vaeLiveParams);
  form = $state<VaeForm>(presetForm('default'));
  /** Start a classic autoencoder with the same settings beside the VAE. */
  withAe = $state(false);
  check = $derived(checkForm(this.form));
  /** The preset the settings match, or 'custom' once edited away from both. */
  preset: PresetName = $derived(matchPreset(this.check.config));

  get numbers(): Record<string, string> {
    return this.form.numbers;
  }

  /** The classic AE trained beside the VAE, when there is one. */
  get companion(): RunView | null {
    return this.started[1] ?? null;
  }

  /** A preset fills every control it names, "train a classic AE beside it" included. */
  choosePreset(name: keyof typeof vaePresets): void {
    const variant = this.form.variant;
    this.form = presetForm(name);
    this.form.variant = variant;
    this.withAe = presetWithAe[name];
    this.hostErrors = {};
  }

  async start(): Promise<void> {
    const config = this.check.config;
    if (!config) return;
    const specs: StartSpec[] = [{ lab: 'vae', config }];
    if (this.withAe && config.variant === 'vae') specs.push({ lab: 'vae', config: companionConfig(config) });
    await this.startRuns(specs);
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
