/**
 * The renderer's link to the lab host: connection state, the host's greeting, the runs on
 * disk, one RunView per run, and request/answer matching. Components call its methods; it
 * turns them into protocol commands on the LabConnection (WebSocket or Electron IPC).
 */
import { SvelteMap } from 'svelte/reactivity';
import type { DamagedRun, HostEvent, LabEvent, RunSummary } from '../../protocol/messages.js';
import { describeRun, runLabel, type StartSpec } from '../../protocol/labs.js';
import { isLiveValue } from '../../protocol/live-params.js';
import { fieldLabel } from '../lib/field-text.js';
import { RequestTracker } from '../lib/requests.js';
import { t } from '../lib/i18n/translate.js';
import { createThrottle, LIVE_SEND_INTERVAL_MS } from '../lib/throttle.js';
import type { ConnectionInfo, LabConnection } from '../lib/ws-api.js';
import { RunView } from './run-view.svelte.js';
import { word } from '../lib/i18n/said.js';

type Hello = Extract<HostEvent, { type: 'hello' }>;

export interface Notice {
  readonly id: number;
  readonly kind: 'info' | 'error';
  readonly text: string;
}

export class LabClient {
  connection = $state.raw<ConnectionInfo>({ state: 'connecting', attempt: 0, retryInMs: 0 });
  hello = $state.raw<Hello | null>(null);
  runs = $state.raw<readonly RunSummary[]>([]);
  /** Folders of the runs folder that cannot be read as runs, and why. */
  damaged = $state.raw<readonly DamagedRun[]>([]);
  notices = $state.raw<readonly Notice[]>([]);
  readonly views = new SvelteMap<string, RunView>();
  private readonly requests = new RequestTracker();
  private readonly throttle = createThrottle(LIVE_SEND_INTERVAL_MS);
  /** The runs as the host listed them (`runs` adds the values changed live to their labels). */
  private listed: readonly RunSummary[] = [];
  private noticeId = 0;
  /** Called with the id of each run deleted from this window (the labs stop showing it). */
  private readonly deletedListeners: ((runId: string) => void)[] = [];

  constructor(private readonly api: LabConnection) {
    api.onConnection((info) => {
      const reconnected = info.state === 'open' && this.connection.state !== 'open';
      this.connection = info;
      if (reconnected) void this.refreshRuns();
    });
    api.onEvent((event) => this.handle(event));
    void api.hello().then((hello) => (this.hello = hello));
  }

  /** The view of a run, created on first use. */
  view(runId: string): RunView {
    let view = this.views.get(runId);
    if (!view) {
      view = new RunView(runId);
      this.views.set(runId, view);
    }
    return view;
  }

  async start(spec: StartSpec): Promise<RunView> {
    const { requestId, answer } = this.requests.open('run-created');
    this.api.start({ requestId, ...spec });
    const created = await answer;
    const view = this.view(created.runId);
    view.spec = specOf(created);
    void this.refreshRuns();
    return view;
  }

  async openRun(runId: string): Promise<RunView> {
    const view = this.view(runId);
    view.reopened = true;
    view.reset();
    const { requestId, answer } = this.requests.open('run-opened');
    this.api.openRun({ requestId, runId });
    const opened = await answer;
    view.spec = specOf(opened);
    view.replayParams(opened.params ?? [], (name) => fieldLabel(opened.lab, name));
    this.runs = this.listed.map((r) => this.relabel(r));
    return view;
  }

  async refreshRuns(): Promise<void> {
    const { requestId, answer } = this.requests.open('runs');
    this.api.listRuns({ requestId });
    await this.takeRuns(answer, 'request.listRuns');
  }

  /** Deletes a run's folder (the host refuses a run that trains); the list follows, and no lab shows it any more. */
  async deleteRun(runId: string): Promise<void> {
    const { requestId, answer } = this.requests.open('runs');
    this.api.deleteRun({ requestId, runId });
    await this.takeRuns(answer, 'request.deleteRun');
    if (this.listed.some((r) => r.runId === runId)) return; // refused: still there
    this.views.delete(runId);
    for (const listener of this.deletedListeners) listener(runId);
  }

  /** Calls `listener` with the id of every run this window deletes. */
  onRunDeleted(listener: (runId: string) => void): void {
    this.deletedListeners.push(listener);
  }

  /** Gives a run a name of its own; the list follows. */
  async renameRun(runId: string, name: string): Promise<void> {
    const { requestId, answer } = this.requests.open('runs');
    this.api.renameRun({ requestId, runId, name });
    await this.takeRuns(answer, 'request.renameRun');
  }

  /** Takes the runs list a request was answered with, or says what went wrong. */
  private async takeRuns(
    answer: Promise<Extract<HostEvent, { type: 'runs' }>>,
    failed: 'request.listRuns' | 'request.deleteRun' | 'request.renameRun',
  ): Promise<void> {
    try {
      const { runs, damaged } = await answer;
      this.listed = runs;
      this.runs = runs.map((r) => this.relabel(r));
      this.damaged = damaged;
    } catch (error) {
      this.notify('error', t(failed, { error: (error as Error).message }));
    }
  }

  async saveExport(runId: string, name: string, bytes: Uint8Array): Promise<string> {
    const { requestId, answer } = this.requests.open('export-saved');
    this.api.saveExport({ requestId, runId, name, bytes });
    return (await answer).file;
  }

  /** The desktop save dialog, when there is one (Electron); browser mode downloads instead. */
  get canSaveAs(): boolean {
    return typeof this.api.saveFile === 'function';
  }

  /** Asks where to save with the native dialog; resolves with the path, or null if cancelled. */
  async saveAs(name: string, bytes: Uint8Array): Promise<string | null> {
    if (!this.api.saveFile) throw new Error('there is no save dialog in browser mode');
    return this.api.saveFile({ name, bytes });
  }

  pause(runId: string): void {
    this.api.pause({ runId });
  }
  resume(runId: string): void {
    this.api.resume({ runId });
  }
  stop(runId: string): void {
    this.api.stop({ runId });
  }
  /** Sends a live value and marks it on the run's curves (isLiveValue: the energy lab's 'step' is no value). */
  setParam(runId: string, name: string, value: number): void {
    this.api.setParam({ runId, name, value });
    if (isLiveValue(name)) this.view(runId).noteParam(name, value);
  }

  /**
   * Changes a setting of a running run: the view records it at once (status line, closing
   * sentence, run list) and it is sent (and marked on the curves) under the one policy of
   * lib/throttle.ts.
   */
  setLive(view: RunView, name: string, value: number, label: string): void {
    view.params = { ...view.params, [name]: { label, value } };
    this.runs = this.listed.map((r) => this.relabel(r));
    this.throttle(`${view.runId}\u0000${name}`, () => this.setParam(view.runId, name, value));
  }

  /**
   * A run's label in the window's language ("VAE · d = 2", "256 atomi · MNIST"), with the values
   * it was changed to live; a label the protocol does not make (an older version's) as it is.
   */
  labelOf(summary: RunSummary): string {
    const spec = { lab: summary.lab, config: summary.config } as StartSpec;
    const params = this.views.get(summary.runId)?.params ?? {};
    const values = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, v.value]));
    const live = { ...spec, config: { ...spec.config, ...values } } as StartSpec;
    for (const candidate of [live, spec])
      if (summary.label === describeRun(candidate)) return word(runLabel(candidate));
    return summary.label;
  }

  /** A run's label in the list, with the values it was changed to live (a label given by hand stays). */
  private relabel(summary: RunSummary): RunSummary {
    const params = this.views.get(summary.runId)?.params;
    if (!params || Object.keys(params).length === 0) return summary;
    const spec = { lab: summary.lab, config: summary.config } as StartSpec;
    if (summary.label !== describeRun(spec)) return summary;
    const values = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, v.value]));
    const label = describeRun({ ...spec, config: { ...spec.config, ...values } } as StartSpec);
    return { ...summary, label };
  }
  requestDecoder(runId: string): void {
    this.api.requestDecoder({ runId });
  }

  notify(kind: Notice['kind'], text: string): void {
    const notice = { id: ++this.noticeId, kind, text };
    this.notices = [...this.notices.slice(-3), notice];
    setTimeout(() => this.dismiss(notice.id), kind === 'error' ? 12_000 : 5_000);
  }

  dismiss(id: number): void {
    this.notices = this.notices.filter((n) => n.id !== id);
  }

  private handle(event: LabEvent): void {
    if (this.requests.settle(event)) return;
    switch (event.type) {
      case 'hello':
        this.hello = event;
        return;
      case 'run-created':
      case 'run-opened':
      case 'runs':
      case 'export-saved':
        return; // answers to another window's requests
      case 'error':
        if (event.runId) this.view(event.runId).apply(event);
        else this.notify('error', word(event));
        return;
      default: {
        const view = this.view(event.runId);
        view.apply(event);
        if (event.type === 'done') void this.refreshRuns();
      }
    }
  }
}

const specOf = (event: StartSpec): StartSpec => ({ lab: event.lab, config: event.config }) as StartSpec;
