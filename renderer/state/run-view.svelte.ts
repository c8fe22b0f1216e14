/**
 * What the renderer holds of one run: the latest payload of each view ($state.raw, replaced
 * wholesale, painted on the next frame), and the loss curves in growable typed arrays whose
 * `version` ticks at most once per frame.
 */
import type { StartSpec } from '../../protocol/labs.js';
import type {
  ArraysEvent,
  CheckpointEvent,
  DatasetEvent,
  DecoderEvent,
  DoneEvent,
  ErrorEvent,
  ImagesEvent,
  LiveChange,
  RunState,
  ScatterEvent,
  StatusEvent,
  TrainerEvent,
} from '../../protocol/messages.js';
import { createFrameTask } from '../lib/frame.js';
import type { LiveValue } from '../lib/live-values.js';
import { markFirstLossPoint } from '../lib/perf.js';
import { MetricSeries } from '../lib/series.js';

export class RunView {
  readonly runId: string;
  /** The lab and config of the run (null until the host says). */
  spec = $state.raw<StartSpec | null>(null);
  status = $state.raw<StatusEvent | null>(null);
  images = $state.raw<Readonly<Record<string, ImagesEvent>>>({});
  scatter = $state.raw<ScatterEvent | null>(null);
  /** The first scatter of each epoch (epoch 0 included): the latent means as they moved (08-3). */
  scatterEpochs = $state.raw<readonly ScatterEvent[]>([]);
  decoder = $state.raw<DecoderEvent | null>(null);
  dataset = $state.raw<DatasetEvent | null>(null);
  /** The latest generic view of each name (sparse atoms, energy landscapes, curves…). */
  arrays = $state.raw<Readonly<Record<string, ArraysEvent>>>({});
  /** Snapshots kept for stepping back (arrays events with `keep`), oldest first, per view. */
  history = $state.raw<Readonly<Record<string, readonly ArraysEvent[]>>>({});
  done = $state.raw<DoneEvent | null>(null);
  error = $state.raw<ErrorEvent | null>(null);
  checkpoint = $state.raw<CheckpointEvent | null>(null);
  /** Bumped (at most once per frame) when the metric series grew. */
  metricsVersion = $state(0);
  /** True when this view was replayed from disk (open-run) rather than started here. */
  reopened = $state(false);
  /** The live values sent to the run from this window, by parameter (the run's current values). */
  params = $state.raw<Readonly<Record<string, LiveValue>>>({});

  readonly train = new MetricSeries();
  readonly test = new MetricSeries();
  private readonly bump = createFrameTask(() => this.metricsVersion++);
  /** When each parameter was last changed (performance.now), to fold a slider's drag into one mark. */
  private changedAt: Partial<Record<string, number>> = {};

  /** starting → running ⇄ paused → done / stopped / failed. */
  state: RunState = $derived.by(() => {
    if (this.done)
      return this.done.reason === 'completed'
        ? 'done'
        : this.done.reason === 'stopped'
          ? 'stopped'
          : 'failed';
    return this.status?.state ?? 'starting';
  });

  constructor(runId: string, spec: StartSpec | null = null) {
    this.runId = runId;
    this.spec = spec;
  }

  /** A numeric setting of the run as it is now: the live value sent last, else the config's. */
  current(name: string): number | null {
    const live = this.params[name];
    if (live) return live.value;
    const value = (this.spec?.config as Readonly<Record<string, unknown>> | undefined)?.[name];
    return typeof value === 'number' ? value : null;
  }

  /** A text setting of the run's config (e.g. the VAE lab's variant), or null. */
  setting(name: string): string | null {
    const value = (this.spec?.config as Readonly<Record<string, unknown>> | undefined)?.[name];
    return typeof value === 'string' ? value : null;
  }

  /** Forget everything (before a replay from disk). */
  reset(): void {
    this.status = null;
    this.images = {};
    this.scatter = null;
    this.scatterEpochs = [];
    this.decoder = null;
    this.dataset = null;
    this.arrays = {};
    this.history = {};
    this.done = null;
    this.error = null;
    this.checkpoint = null;
    this.params = {};
    this.train.clear();
    this.test.clear();
    this.changedAt = {};
    this.bump();
  }

  /**
   * A live parameter sent to this run: marked on its curves at their latest point (the trainer
   * applies it from its next step). Changes of the same parameter less than a second apart (one
   * drag of a slider) fold into the first one's mark with the last value. The host keeps them
   * in the run folder (params.jsonl), and a reopened run gets them back (replayParams).
   */
  noteParam(name: string, value: number, now = performance.now(), at = this.train.last): void {
    const changes = this.train.changes;
    const previous = this.changedAt[name];
    this.changedAt[name] = now;
    let last = changes.length - 1;
    while (last >= 0 && changes[last]!.name !== name) last--;
    if (last >= 0 && previous !== undefined && now - previous < FOLD_MS) {
      changes[last] = { ...changes[last]!, value };
    } else {
      changes.push({ step: at.step, epoch: at.epoch, name, value });
    }
    this.bump();
  }

  /**
   * The values a reopened run took live, from its folder (oldest first): its current values and
   * the marks on its curves, folded as they were while it trained.
   */
  replayParams(changes: readonly LiveChange[], labelOf: (name: string) => string): void {
    const params: Record<string, LiveValue> = {};
    for (const change of changes) {
      this.noteParam(change.name, change.value, change.at, change);
      params[change.name] = { label: labelOf(change.name), value: change.value };
    }
    this.params = params;
    this.changedAt = {};
  }

  apply(event: TrainerEvent): void {
    switch (event.type) {
      case 'status':
        this.status = event;
        break;
      case 'metrics': {
        const series = event.split === 'train' ? this.train : this.test;
        const first = this.train.length === 0 && event.split === 'train' && event.steps.length > 0;
        series.append(event);
        if (first && !this.reopened) markFirstLossPoint();
        this.bump();
        break;
      }
      case 'images':
        this.images = { ...this.images, [event.view]: event };
        break;
      case 'scatter': {
        this.scatter = event;
        const last = this.scatterEpochs.at(-1);
        if (!last || Math.floor(event.epoch) > Math.floor(last.epoch))
          this.scatterEpochs = [...this.scatterEpochs, event];
        break;
      }
      case 'decoder':
        this.decoder = event;
        break;
      case 'dataset':
        this.dataset = event;
        break;
      case 'arrays':
        this.arrays = { ...this.arrays, [event.view]: event };
        if (event.keep) this.keep(event);
        break;
      case 'checkpoint':
        this.checkpoint = event;
        break;
      case 'error':
        this.error = event;
        break;
      case 'done':
        // The closing sentence names the values the run ended with when they were changed live.
        this.done = event; // its closing sentence is worded where it is shown (RunProgress)
        break;
    }
  }

  private keep(event: ArraysEvent): void {
    const list = (this.history[event.view] ?? []).filter((e) => e.step !== event.step);
    list.push(event);
    list.sort((a, b) => a.step - b.step);
    this.history = { ...this.history, [event.view]: list.slice(-MAX_SNAPSHOTS) };
  }
}

/** Changes of one parameter closer than this (ms) make one mark. */
const FOLD_MS = 1000;

/** Snapshots kept per view in the renderer. */
const MAX_SNAPSHOTS = 200;
