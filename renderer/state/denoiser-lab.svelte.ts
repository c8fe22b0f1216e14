/**
 * The MNIST denoising autoencoder's state: the form (noise kind and numbers as text, checked
 * by parseDenoiserConfig), the run on show, and its live noise strength and learning rate.
 */
import {
  defaultDenoiserConfig,
  denoiserFields,
  parseDenoiserConfig,
  type NoiseKind,
} from '../../protocol/dae-config.js';
import { errorsByField, readNumber } from '../lib/config-form.js';
import { HostError } from '../lib/requests.js';
import { getLabs } from './context.js';
import type { LabClient } from './lab-client.svelte.js';
import type { LabState } from './labs.svelte.js';
import type { RunView } from './run-view.svelte.js';

export type DenoiserNumericField = keyof typeof denoiserFields;
export const denoiserNumericFields = Object.keys(denoiserFields) as DenoiserNumericField[];

const isLive = (run: RunView | null): boolean =>
  !!run && (run.state === 'running' || run.state === 'paused' || run.state === 'starting');

export class DenoiserLabState implements LabState {
  noise = $state<NoiseKind>(defaultDenoiserConfig.noise);
  numbers = $state(
    Object.fromEntries(denoiserNumericFields.map((k) => [k, String(defaultDenoiserConfig[k])])) as Record<
      DenoiserNumericField,
      string
    >,
  );
  hostErrors = $state.raw<Readonly<Record<string, string>>>({});
  starting = $state(false);
  primary = $state.raw<RunView | null>(null);
  liveStrength = $state(defaultDenoiserConfig.strength);

  check = $derived.by(() => {
    const input: Record<string, unknown> = { noise: this.noise };
    for (const key of denoiserNumericFields) input[key] = readNumber(this.numbers[key]);
    const result = parseDenoiserConfig(input);
    return result.ok
      ? { config: result.value, errors: {} as Record<string, string> }
      : { config: null, errors: errorsByField(result.errors) };
  });

  constructor(private readonly client: LabClient) {}

  get runs(): readonly RunView[] {
    return this.primary ? [this.primary] : [];
  }
  get running(): boolean {
    return isLive(this.primary);
  }

  async start(): Promise<void> {
    const config = this.check.config;
    if (!config || this.starting) return;
    this.starting = true;
    this.hostErrors = {};
    try {
      this.primary = await this.client.start({ lab: 'dae', config });
      this.liveStrength = config.strength;
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
  setStrength(value: number): void {
    this.liveStrength = value;
    if (this.primary && isLive(this.primary)) this.client.setParam(this.primary.runId, 'strength', value);
  }
  show(view: RunView): void {
    this.primary = view;
  }
  async open(runId: string): Promise<void> {
    try {
      this.primary = await this.client.openRun(runId);
    } catch (error) {
      this.client.notify('error', `Could not open run ${runId}: ${(error as Error).message}`);
    }
  }
}

export const getDenoiserLab = (): DenoiserLabState => getLabs().state('dae') as DenoiserLabState;
