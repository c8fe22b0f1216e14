/**
 * The VAE lab's own state: the form (text per control, checked by parseVaeConfig), the run
 * on show and the classic AE trained beside it, live β and learning rate, and the two test
 * digits the interpolation strip joins.
 */
import { vaePresets } from '../../../protocol/vae/config.js';
import { checkForm, companionConfig, matchPreset, presetForm, type VaeForm } from './form.js';
import { markStartClicked } from '../../lib/perf.js';
import { HostError } from '../../lib/requests.js';
import type { LabClient } from '../../state/lab-client.svelte.js';
import type { LabState } from '../../state/labs.svelte.js';
import type { RunView } from '../../state/run-view.svelte.js';

export type PresetName = keyof typeof vaePresets | 'custom';

export class VaeLabState implements LabState {
  form = $state<VaeForm>(presetForm('default'));
  /** Start a classic autoencoder with the same settings beside the VAE. */
  withAe = $state(false);
  check = $derived(checkForm(this.form));
  /** The preset the settings match, or 'custom' once edited away from both. */
  preset: PresetName = $derived(matchPreset(this.check.config));
  /** Errors the host sent back for the last start, by field ('config' when general). */
  hostErrors = $state.raw<Readonly<Record<string, string>>>({});
  starting = $state(false);
  primary = $state.raw<RunView | null>(null);
  companion = $state.raw<RunView | null>(null);
  liveBeta = $state(1);
  liveLearningRate = $state(1e-3);

  constructor(private readonly client: LabClient) {}

  choosePreset(name: keyof typeof vaePresets): void {
    const variant = this.form.variant;
    this.form = presetForm(name);
    this.form.variant = variant;
    this.hostErrors = {};
  }

  /** The form was edited by hand: the host's last answer no longer applies. */
  edited(): void {
    this.hostErrors = {};
  }

  get running(): boolean {
    const s = this.primary?.state;
    return s === 'running' || s === 'paused' || s === 'starting';
  }

  async start(): Promise<void> {
    const config = this.check.config;
    if (!config || this.starting) return;
    this.starting = true;
    this.hostErrors = {};
    markStartClicked();
    try {
      const primary = this.client.start({ lab: 'vae', config });
      const companion =
        this.withAe && config.variant === 'vae'
          ? this.client.start({ lab: 'vae', config: companionConfig(config) })
          : null;
      this.primary = await primary;
      this.companion = companion ? await companion : null;
      this.liveBeta = config.beta;
      this.liveLearningRate = config.learningRate;
    } catch (error) {
      const field = error instanceof HostError && error.field ? error.field : 'config';
      this.hostErrors = { [field]: (error as Error).message };
    } finally {
      this.starting = false;
    }
  }

  /** The runs this lab drives (the VAE and, when trained beside it, the AE). */
  get runs(): RunView[] {
    return [this.primary, this.companion].filter((r): r is RunView => r !== null);
  }

  pause(): void {
    for (const r of this.runs) this.client.pause(r.runId);
  }
  resume(): void {
    for (const r of this.runs) this.client.resume(r.runId);
  }
  stop(): void {
    for (const r of this.runs) this.client.stop(r.runId);
  }

  setBeta(value: number): void {
    this.liveBeta = value;
    for (const r of this.runs)
      if (r.config?.variant !== 'ae' && isLive(r)) this.client.setParam(r.runId, 'beta', value);
  }

  setLearningRate(value: number): void {
    this.liveLearningRate = value;
    for (const r of this.runs) if (isLive(r)) this.client.setParam(r.runId, 'learningRate', value);
  }

  /** Shows a run this window drives (from the run list). */
  show(view: RunView): void {
    this.primary = view;
  }

  /** Shows a finished run from disk. */
  async open(runId: string): Promise<void> {
    try {
      const view = await this.client.openRun(runId);
      this.primary = view;
      this.companion = null;
      if (view.config) {
        this.liveBeta = view.config.beta;
        this.liveLearningRate = view.config.learningRate;
      }
    } catch (error) {
      this.client.notify('error', `Could not open run ${runId}: ${(error as Error).message}`);
    }
  }
}

function isLive(run: RunView): boolean {
  return run.state === 'running' || run.state === 'paused' || run.state === 'starting';
}
