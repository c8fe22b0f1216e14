/**
 * The energy lab's state: the form (method, data, drawn points, numbers as text checked by
 * the protocol's parseEnergyConfig), the runs on show (one, or DAE, CD and PCD side by side
 * on the same data), live parameters, single steps while paused, and the snapshot the user
 * stepped back to (null: live).
 */
import {
  defaultEnergyConfig,
  energyFields,
  parseEnergyConfig,
  type EnergyConfig,
  type EnergyDataName,
  type EnergyLiveParam,
  type EnergyMethod,
} from '../../../protocol/energy/config.js';
import { errorsByField, readNumber } from '../vae/form.js';
import { HostError } from '../../lib/requests.js';
import { getLabs } from '../../state/context.js';
import type { LabClient } from '../../state/lab-client.svelte.js';
import type { LabState } from '../../state/labs.svelte.js';
import type { RunView } from '../../state/run-view.svelte.js';

export type EnergyNumericField = keyof typeof energyFields;
export const energyNumericFields = Object.keys(energyFields) as EnergyNumericField[];

/** The methods trained side by side by "compare". */
export const comparedMethods: readonly EnergyMethod[] = ['dae', 'cd', 'pcd'];

const isLive = (run: RunView): boolean =>
  run.state === 'running' || run.state === 'paused' || run.state === 'starting';

function numbersOf(config: EnergyConfig): Record<EnergyNumericField, string> {
  const out = {} as Record<EnergyNumericField, string>;
  for (const key of energyNumericFields) out[key] = String(config[key]);
  return out;
}

export class EnergyLabState implements LabState {
  method = $state<EnergyMethod>(defaultEnergyConfig.method);
  data = $state<EnergyDataName>(defaultEnergyConfig.data);
  numbers = $state<Record<EnergyNumericField, string>>(numbersOf(defaultEnergyConfig));
  /** Points drawn on the pad, interleaved. */
  drawn = $state.raw<readonly number[]>([]);
  /** Train DAE, CD and PCD side by side. */
  compare = $state(false);
  hostErrors = $state.raw<Readonly<Record<string, string>>>({});
  starting = $state(false);
  started = $state.raw<readonly RunView[]>([]);
  /** The step of the snapshot on show; null follows the run live. */
  snapshotStep = $state<number | null>(null);
  live = $state<Record<EnergyLiveParam, number>>({
    learningRate: defaultEnergyConfig.learningRate,
    sigma: defaultEnergyConfig.sigma,
    stepSize: defaultEnergyConfig.stepSize,
    noiseScale: defaultEnergyConfig.noiseScale,
    k: defaultEnergyConfig.k,
    alpha: defaultEnergyConfig.alpha,
    reinitRate: defaultEnergyConfig.reinitRate,
    lambda: defaultEnergyConfig.lambda,
    condition: defaultEnergyConfig.condition,
  });

  check = $derived.by(() => {
    const input: Record<string, unknown> = { method: this.method, data: this.data };
    for (const key of energyNumericFields) input[key] = readNumber(this.numbers[key]);
    if (this.data === 'drawn') input.points = [...this.drawn];
    const result = parseEnergyConfig(input);
    return result.ok
      ? { config: result.value, errors: {} as Record<string, string> }
      : { config: null, errors: errorsByField(result.errors) };
  });

  constructor(private readonly client: LabClient) {}

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
    return this.started.length > 0 && this.started.every((r) => r.state === 'paused' || !isLive(r));
  }

  edited(): void {
    this.hostErrors = {};
  }

  addPoint(x: number, y: number): void {
    this.drawn = [...this.drawn, x, y];
    this.edited();
  }
  clearPoints(): void {
    this.drawn = [];
    this.edited();
  }

  async start(): Promise<void> {
    const config = this.check.config;
    if (!config || this.starting) return;
    this.starting = true;
    this.hostErrors = {};
    this.snapshotStep = null;
    try {
      const methods = this.compare ? comparedMethods : [config.method];
      const views = methods.map((method) =>
        this.client.start({ lab: 'energy', config: { ...config, method } }),
      );
      this.started = await Promise.all(views);
      for (const key of Object.keys(this.live) as EnergyLiveParam[]) this.live[key] = config[key];
    } catch (error) {
      const field = error instanceof HostError && error.field ? error.field : 'config';
      this.hostErrors = { [field]: (error as Error).message };
    } finally {
      this.starting = false;
    }
  }

  pause(): void {
    for (const r of this.started) if (isLive(r)) this.client.pause(r.runId);
  }
  resume(): void {
    this.snapshotStep = null;
    for (const r of this.started) if (isLive(r)) this.client.resume(r.runId);
  }
  stop(): void {
    for (const r of this.started) if (isLive(r)) this.client.stop(r.runId);
  }
  /** While paused: n more training steps, then pause again (set-param 'step'). */
  step(n = 1): void {
    this.snapshotStep = null;
    for (const r of this.started) if (r.state === 'paused') this.client.setParam(r.runId, 'step', n);
  }
  setLive(name: EnergyLiveParam, value: number): void {
    this.live[name] = value;
    for (const r of this.started) if (isLive(r)) this.client.setParam(r.runId, name, value);
  }

  show(view: RunView): void {
    this.started = [view];
    this.snapshotStep = null;
  }

  async open(runId: string): Promise<void> {
    try {
      const view = await this.client.openRun(runId);
      this.started = [view];
      this.snapshotStep = null;
    } catch (error) {
      this.client.notify('error', `Could not open run ${runId}: ${(error as Error).message}`);
    }
  }
}

/** The energy lab's state (its components run inside the app shell, where Labs is set). */
export const getEnergyLab = (): EnergyLabState => getLabs().state('energy') as EnergyLabState;
