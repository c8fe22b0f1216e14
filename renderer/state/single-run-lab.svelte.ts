/**
 * What a lab with one run on show does the same way as the others: start it (a refusal shown
 * under the field the host names, or as a general error), pause / resume / stop it, send live
 * parameters while it runs, show a live run and open one from disk. The sparse, conv and
 * denoiser labs extend it; a lab adds its form, its live values and the hooks below.
 */
import { markStartClicked } from '../lib/perf.js';
import { HostError } from '../lib/requests.js';
import type { StartSpec } from '../../protocol/labs.js';
import type { LabClient } from './lab-client.svelte.js';
import type { LabState } from './labs.svelte.js';
import type { RunView } from './run-view.svelte.js';

/** Starting, running or paused: the run can still be paused, resumed, stopped or tuned. */
export const isLive = (run: RunView | null): boolean =>
  !!run && (run.state === 'running' || run.state === 'paused' || run.state === 'starting');

export abstract class SingleRunLab implements LabState {
  /** Errors from the host, by field ('config' for one about no field); cleared on any edit. */
  hostErrors = $state.raw<Readonly<Record<string, string>>>({});
  starting = $state(false);
  primary = $state.raw<RunView | null>(null);

  constructor(protected readonly client: LabClient) {}

  get runs(): RunView[] {
    return this.primary ? [this.primary] : [];
  }

  get running(): boolean {
    return isLive(this.primary);
  }

  /**
   * Starts the run `spec` describes and shows it; `started` then runs at once (live values
   * from the config). Nothing while a start is under way.
   */
  protected async startRun(spec: StartSpec, started: () => void): Promise<void> {
    if (this.starting) return;
    this.starting = true;
    this.hostErrors = {};
    markStartClicked();
    try {
      this.primary = await this.client.start(spec);
      started();
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

  /** Sends a live parameter to the run on show, if it still runs. */
  protected sendParam(name: string, value: number): void {
    if (this.primary && this.running) this.client.setParam(this.primary.runId, name, value);
  }

  show(view: RunView): void {
    this.primary = view;
    this.shown(view);
  }

  /** Replays a run from disk and shows it, its live values taken from its config. */
  async open(runId: string): Promise<void> {
    try {
      const view = await this.client.openRun(runId);
      this.show(view);
      this.opened(view);
    } catch (error) {
      this.client.notify('error', `Could not open run ${runId}: ${(error as Error).message}`);
    }
  }

  /** After a run is put on show (live or from disk): reset the lab's view of it. */
  protected shown(_view: RunView): void {}
  /** After a run is opened from disk: take the live values from its config. */
  protected opened(_view: RunView): void {}
}
