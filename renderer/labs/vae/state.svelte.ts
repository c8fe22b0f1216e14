/**
 * The VAE lab's own state: the form (text per control, checked by parseVaeConfig), the run on
 * show and what trains beside it: the classic AE, or a twin with β = 0 (08-3, "without the
 * spring"). β and the learning rate change live (LabRuns); the twin keeps β = 0.
 */
import type { StartSpec } from '../../../protocol/labs.js';
import { vaeFields, vaePresets, type VaeConfig } from '../../../protocol/vae/config.js';
import {
  betaZeroPair,
  checkForm,
  companionConfig,
  formFromConfig,
  matchPreset,
  presetBeside,
  presetForm,
  type Beside,
  type VaeForm,
} from './form.js';
import { isTwinRun } from './run.js';
import { findPairedRun } from './twin.js';
import { getLabs } from '../../state/context.js';
import { FormLabRuns, isLive } from '../../state/lab-runs.svelte.js';
import type { RunView } from '../../state/run-view.svelte.js';
import { t } from '../../lib/i18n/translate.js';

export type PresetName = keyof typeof vaePresets | 'custom';

export class VaeLabState extends FormLabRuns<VaeForm, keyof typeof vaePresets, VaeConfig> {
  readonly lab = 'vae';
  readonly fields = vaeFields;
  form = $state<VaeForm>(presetForm('default'));
  /** What to start beside the VAE: nothing, the classic AE, or the same VAE with β = 0. */
  beside = $state<Beside>('none');
  check = $derived(checkForm(this.form));
  /** The preset the settings match, or 'custom' once edited away from both. */
  preset: PresetName = $derived(matchPreset(this.check.config));

  /** The classic AE or the β = 0 twin trained beside the VAE, when there is one. */
  get companion(): RunView | null {
    return this.started[1] ?? null;
  }
  /** The β = 0 twin on show beside the VAE, when there is one. */
  get twin(): RunView | null {
    const run = this.companion;
    return isTwinRun(run) ? run : null;
  }

  /** Ticks or unticks one of the runs beside the VAE (one at a time). */
  setBeside(what: Exclude<Beside, 'none'>, on: boolean): void {
    this.beside = on ? what : this.beside === what ? 'none' : this.beside;
  }

  /** A preset fills every control it names, what trains beside the VAE included. */
  override choosePreset(name: keyof typeof vaePresets): void {
    const variant = this.form.variant;
    super.choosePreset(name);
    this.form.variant = variant;
    this.beside = presetBeside[name];
  }

  /** Shows a run; a run of a β = 0 pair comes back with its twin beside it. */
  override show(view: RunView): void {
    super.show(view);
    void this.showPair(view);
  }

  protected presetForm = presetForm;
  protected specsOf(config: VaeConfig): StartSpec[] {
    if (config.variant !== 'vae' || this.beside === 'none') return [{ lab: 'vae', config }];
    if (this.beside === 'ae')
      return [
        { lab: 'vae', config },
        { lab: 'vae', config: companionConfig(config) },
      ];
    if (config.beta === 0) return [{ lab: 'vae', config }];
    return betaZeroPair(config).map((c) => ({ lab: 'vae', config: c }));
  }

  protected override takesLive(run: RunView, name: string): boolean {
    return name !== 'beta' || (run.setting('variant') !== 'ae' && !isTwinRun(run));
  }

  protected restore(spec: StartSpec): void {
    if (spec.lab !== 'vae') return;
    this.form = formFromConfig(spec.config);
    this.beside = spec.config.betaZeroTwin && spec.config.beta !== 0 ? 'beta0' : 'none';
  }

  /** Finds the other run of `view`'s pair and shows both, the β = 0 twin second. */
  private async showPair(view: RunView): Promise<void> {
    const partner = findPairedRun(this.client.runs, view.runId);
    if (!partner) return;
    const existing = this.client.views.get(partner.runId);
    let other: RunView;
    try {
      other = existing && isLive(existing) ? existing : await this.client.openRun(partner.runId);
    } catch (error) {
      this.client.notify(
        'error',
        t('request.openRun', { runId: partner.runId, error: (error as Error).message }),
      );
      return;
    }
    if (this.primary !== view) return; // another run was shown meanwhile
    const [first, second] = isTwinRun(view) ? [other, view] : [view, other];
    if (first !== view) super.show(first);
    this.started = [first, second];
  }
}

/** The VAE lab's state (its components run inside the app shell, where Labs is set). */
export const getVaeLab = (): VaeLabState => getLabs().state('vae') as VaeLabState;
