/**
 * What the renderer holds of one run: the latest payload of each view ($state.raw, replaced
 * wholesale, painted on the next frame), and the loss curves in growable typed arrays whose
 * `version` ticks at most once per frame.
 */
import type {
  CheckpointEvent,
  DatasetEvent,
  DecoderEvent,
  DoneEvent,
  ErrorEvent,
  ImagesEvent,
  RunState,
  ScatterEvent,
  StatusEvent,
  TrainerEvent,
} from '../../protocol/messages.js';
import type { VaeConfig } from '../../protocol/vae-config.js';
import { createFrameTask } from '../lib/frame.js';
import { markFirstLossPoint } from '../lib/perf.js';
import { MetricSeries } from '../lib/series.js';

export class RunView {
  readonly runId: string;
  config = $state.raw<VaeConfig | null>(null);
  status = $state.raw<StatusEvent | null>(null);
  images = $state.raw<Readonly<Record<string, ImagesEvent>>>({});
  scatter = $state.raw<ScatterEvent | null>(null);
  decoder = $state.raw<DecoderEvent | null>(null);
  dataset = $state.raw<DatasetEvent | null>(null);
  done = $state.raw<DoneEvent | null>(null);
  error = $state.raw<ErrorEvent | null>(null);
  checkpoint = $state.raw<CheckpointEvent | null>(null);
  /** Bumped (at most once per frame) when the metric series grew. */
  metricsVersion = $state(0);
  /** True when this view was replayed from disk (open-run) rather than started here. */
  reopened = $state(false);

  readonly train = new MetricSeries();
  readonly test = new MetricSeries();
  private readonly bump = createFrameTask(() => this.metricsVersion++);

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

  constructor(runId: string, config: VaeConfig | null = null) {
    this.runId = runId;
    this.config = config;
  }

  get label(): string {
    return this.config?.variant === 'ae' ? 'classic AE' : 'VAE';
  }

  /** Forget everything (before a replay from disk). */
  reset(): void {
    this.status = null;
    this.images = {};
    this.scatter = null;
    this.decoder = null;
    this.dataset = null;
    this.done = null;
    this.error = null;
    this.checkpoint = null;
    this.train.clear();
    this.test.clear();
    this.bump();
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
      case 'scatter':
        this.scatter = event;
        break;
      case 'decoder':
        this.decoder = event;
        break;
      case 'dataset':
        this.dataset = event;
        break;
      case 'checkpoint':
        this.checkpoint = event;
        break;
      case 'error':
        this.error = event;
        break;
      case 'done':
        this.done = event;
        break;
    }
  }
}
