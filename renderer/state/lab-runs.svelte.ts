/**
 * What every lab's state does the same way: the runs on show (one, or several started together),
 * start them (a refusal shown under the field the host names, or as a general error), pause /
 * resume / stop them, show a live run or reopen one from disk with the form refilled from its
 * config, and the lab's settings as one source of truth: the form's text. A live slider writes
 * the form and the running runs get the value (LabClient.setLive); a field of a live setting
 * typed while a run trains does the same. Each lab adds its form, its parser and `restore`.
 */
import { checkNumber, type NumberField } from '../../protocol/fields.js';
import { labs, type LabName, type StartSpec } from '../../protocol/labs.js';
import { fieldLabel } from '../lib/field-text.js';
import { t } from '../lib/i18n/translate.js';
import { readNumber, type FormCheck } from '../lib/form.js';
import { markStartClicked } from '../lib/perf.js';
import { HostError } from '../lib/requests.js';
import type { LabClient } from './lab-client.svelte.js';
import type { LabState } from './labs.svelte.js';
import type { RunView } from './run-view.svelte.js';

/** Starting, running or paused: the run can still be paused, resumed, stopped or tuned. */
export const isLive = (run: RunView | null | undefined): boolean =>
  !!run && (run.state === 'running' || run.state === 'paused' || run.state === 'starting');

/** One setting changed while a run trains, as its slider shows it (range in the value's units). */
export interface LiveSetting {
  readonly name: string;
  /** A label in maths ("λ") that needs no words; else the field's own, in the window's language. */
  readonly label?: string;
  readonly min: number;
  readonly max: number;
  /** A log-scale slider (the learning rates). */
  readonly log?: boolean;
  readonly integer?: boolean;
}

export abstract class LabRuns implements LabState {
  /** Errors from the host, by field ('config' for one about no field); cleared on any edit. */
  hostErrors = $state.raw<Readonly<Record<string, string>>>({});
  starting = $state(false);
  /** The runs on show, the primary first. */
  started = $state.raw<readonly RunView[]>([]);

  constructor(protected readonly client: LabClient) {
    // A deleted run leaves the lab's view (its folder is gone; nothing to show or export).
    client.onRunDeleted((runId) => {
      if (this.started.some((r) => r.runId === runId))
        this.started = this.started.filter((r) => r.runId !== runId);
    });
  }

  abstract readonly lab: LabName;
  /** The form's numeric settings as text: the one source of truth, live settings included. */
  abstract readonly numbers: Record<string, string>;
  /** Labels and ranges of the numeric settings (protocol/<lab>/config.ts). */
  abstract readonly fields: Readonly<Record<string, NumberField>>;
  abstract readonly check: FormCheck<unknown>;
  abstract start(): Promise<void>;
  /** Fills the form from the config of a run of this lab (reopened, or shown from the list). */
  protected abstract restore(spec: StartSpec): void;

  /** The settings a running run takes through set-param (the lab's live parameters, protocol/labs.ts). */
  get liveNames(): readonly string[] {
    return Object.keys(labs[this.lab].liveParams);
  }
  /** The form's errors and the host's, by field. */
  get errors(): Readonly<Record<string, string>> {
    return { ...this.check.errors, ...this.hostErrors };
  }
  get primary(): RunView | null {
    return this.started[0] ?? null;
  }
  get runs(): readonly RunView[] {
    return this.started;
  }
  get running(): boolean {
    return this.started.some(isLive);
  }
  get paused(): boolean {
    return this.primary?.state === 'paused';
  }

  /** Starts the runs `specs` describe together and shows them; false when refused. */
  protected async startRuns(specs: readonly StartSpec[]): Promise<boolean> {
    if (this.starting) return false;
    this.starting = true;
    this.hostErrors = {};
    markStartClicked();
    try {
      this.started = await Promise.all(specs.map((spec) => this.client.start(spec)));
      this.shown();
      return true;
    } catch (error) {
      const field = error instanceof HostError && error.field ? error.field : 'config';
      this.hostErrors = { [field]: (error as Error).message };
      return false;
    } finally {
      this.starting = false;
    }
  }

  pause(): void {
    for (const run of this.runs) if (isLive(run)) this.client.pause(run.runId);
  }
  resume(): void {
    for (const run of this.runs) if (run.state === 'paused') this.client.resume(run.runId);
  }
  stop(): void {
    for (const run of this.runs) if (isLive(run)) this.client.stop(run.runId);
  }

  /** A setting as the controls show it: the form's value (the run's current one while it trains). */
  value(name: string): number {
    const typed = readNumber(this.numbers[name] ?? '');
    if (typeof typed === 'number') return typed;
    return this.primary?.current(name) ?? this.fields[name]?.min ?? 0;
  }

  /** A live slider moved: the form takes the value, and so do the running runs. */
  setLive(name: string, value: number): void {
    this.numbers[name] = String(value);
    this.edited(name);
  }

  /**
   * A control was edited: the host's last answer no longer applies, and a valid value of a
   * live setting goes to the runs on show that still train.
   */
  edited(name?: string): void {
    this.hostErrors = {};
    this.formEdited();
    const spec = name && this.liveNames.includes(name) ? this.fields[name] : undefined;
    if (!name || !spec) return;
    const value = readNumber(this.numbers[name] ?? '');
    if (typeof value !== 'number' || checkNumber(name, spec, value)) return;
    for (const run of this.runs)
      if (isLive(run) && this.takesLive(run, name))
        this.client.setLive(run, name, value, fieldLabel(this.lab, name, spec));
  }

  /** The setting values of the primary run as it is now ("β (KL weight) = 4"), for the status line. */
  get liveValues(): readonly { label: string; value: number }[] {
    const run = this.primary;
    if (!run) return [];
    return this.liveNamesOf(run).flatMap((name) => {
      const value = run.current(name);
      const spec = this.fields[name];
      return value === null || !spec ? [] : [{ label: fieldLabel(this.lab, name, spec), value }];
    });
  }

  /** Shows a run of this lab (live in this window, or just reopened), its settings in the form. */
  show(view: RunView): void {
    this.started = [view];
    const spec = view.spec;
    if (spec?.lab === this.lab) {
      this.restore(spec);
      for (const [name, live] of Object.entries(view.params)) this.numbers[name] = String(live.value);
      this.hostErrors = {};
    }
    this.shown();
  }

  /** Replays a run from disk and shows it. */
  async open(runId: string): Promise<void> {
    try {
      this.show(await this.client.openRun(runId));
    } catch (error) {
      this.client.notify('error', t('request.openRun', { runId, error: (error as Error).message }));
    }
  }

  /** The live settings that act on `run` (the energy lab's depend on its method). */
  protected liveNamesOf(_run: RunView): readonly string[] {
    return this.liveNames;
  }
  /** Whether `run` takes the live setting `name` (the VAE's β is not the classic AE's). */
  protected takesLive(_run: RunView, _name: string): boolean {
    return true;
  }
  /** After any edit of the form (a lab with presets forgets the preset here). */
  protected formEdited(): void {}
  /** After runs are put on show: reset the lab's view of them (snapshots). */
  protected shown(): void {}
}

/**
 * A lab whose form is one object, its numbers as text in `form.numbers`, filled by named presets
 * and started from the checked config (the VAE, sparse, conv and contrastive labs).
 */
export abstract class FormLabRuns<
  Form extends { numbers: Record<string, string> },
  Preset extends string,
  Config,
> extends LabRuns {
  abstract form: Form;
  abstract override readonly check: FormCheck<Config>;
  /** The form a preset fills in. */
  protected abstract presetForm(name: Preset): Form;
  /** The runs a checked config starts. */
  protected abstract specsOf(config: Config): StartSpec[];

  get numbers(): Record<string, string> {
    return this.form.numbers;
  }

  choosePreset(name: Preset): void {
    this.form = this.presetForm(name);
    this.hostErrors = {};
  }

  async start(): Promise<void> {
    await this.startForm();
  }

  /** Starts the form's runs; false when the form or the host refused. */
  protected async startForm(): Promise<boolean> {
    const config = this.check.config;
    return !!config && (await this.startRuns(this.specsOf(config)));
  }
}
