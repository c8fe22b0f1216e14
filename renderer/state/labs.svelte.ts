/**
 * Which lab is on show, and one state object per lab, created on first use and kept for the
 * whole session (a lab's runs go on training while another lab is shown). Opening a run from
 * the list switches to its lab.
 */
import type { LabName } from '../../protocol/labs.js';
import type { RunSummary } from '../../protocol/messages.js';
import type { LabClient } from './lab-client.svelte.js';
import type { RunView } from './run-view.svelte.js';

/** What every lab's state offers the shell (sidebar, run list). */
export interface LabState {
  /** The run on show, whose backend the sidebar names. */
  readonly primary: RunView | null;
  /** The runs on show (the primary first). */
  readonly runs: readonly RunView[];
  /** Shows a run of this lab that is live in this window. */
  show(view: RunView): void;
  /** Replays a run of this lab from disk and shows it. */
  open(runId: string): Promise<void>;
}

export type LabStateFactories = { readonly [L in LabName]: (client: LabClient) => LabState };

const isLive = (view: RunView): boolean =>
  view.state === 'running' || view.state === 'paused' || view.state === 'starting';

export class Labs {
  active = $state<LabName>('vae');
  /** Presentation: the views large, the sidebar and the settings out of the way (LabPage). */
  presenting = $state(false);
  /** The equations under each lab's title: folded on short screens (a projector), open on tall ones. */
  equationsOpen = $state(typeof innerHeight === 'number' && innerHeight >= 1000);
  /** Plain on purpose: filled lazily, never read reactively (`active` is the reactive part). */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private readonly states = new Map<LabName, LabState>();

  constructor(
    private readonly client: LabClient,
    private readonly factories: LabStateFactories,
  ) {
    this.state(this.active);
  }

  /** The state of a lab (created on first use). */
  state(lab: LabName): LabState {
    let state = this.states.get(lab);
    if (!state) {
      state = this.factories[lab](this.client);
      this.states.set(lab, state);
    }
    return state;
  }

  /**
   * The lab on show. Its state exists before `active` names it (select, showRun), so reading
   * `current` inside a $derived never creates state there: Svelte does not track state that
   * the reading reaction created itself, and the sidebar's backend line then went stale (it
   * kept the host's guess while the run's own backend had arrived).
   */
  get current(): LabState {
    return this.state(this.active);
  }

  select(lab: LabName): void {
    this.state(lab);
    this.active = lab;
  }

  /** Shows a run from the list in its lab: the live view if this window drives it, else a replay. */
  showRun(summary: RunSummary): void {
    const state = this.state(summary.lab);
    this.active = summary.lab;
    const existing = this.client.views.get(summary.runId);
    if (existing && isLive(existing)) state.show(existing);
    else void state.open(summary.runId);
  }
}
