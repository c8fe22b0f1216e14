/**
 * The energy lab's state: the form (method, data, drawn points, numbers as text checked by
 * the protocol's parseEnergyConfig), the runs on show (one, or DAE, CD and PCD side by side
 * on the same data), single steps while paused, and the snapshot the user stepped back to
 * (null: live). Live settings: LabRuns.
 */
import {
  defaultEnergyConfig,
  methodDefaults,
  energyFields,
  energyMethods,
  energyLiveParams,
  parseEnergyConfig,
  type EnergyConfig,
  type EnergyDataName,
  type EnergyMethod,
} from '../../../protocol/energy/config.js';
import type { StartSpec } from '../../../protocol/labs.js';
import { checked, numbersOf, readNumbers, fieldNames } from '../../lib/form.js';
import { getLabs } from '../../state/context.js';
import { LabRuns, type LiveSetting } from '../../state/lab-runs.svelte.js';
import type { RunView } from '../../state/run-view.svelte.js';

export type EnergyNumericField = keyof typeof energyFields;
export const energyNumericFields = fieldNames(energyFields);

/** The methods trained side by side by "compare". */
export const comparedMethods: readonly EnergyMethod[] = ['dae', 'cd', 'pcd'];

/** The live sliders, and the methods each acts on. */
export const energySliders: readonly (LiveSetting & { methods: readonly EnergyMethod[] })[] = [
  { name: 'learningRate', min: 1e-5, max: 1e-1, log: true, methods: energyMethods },
  { name: 'sigma', min: 0.02, max: 1.5, methods: ['dae'] },
  {
    name: 'stepSize',
    min: 1e-4,
    max: 10 ** -0.5,
    log: true,
    methods: ['cd', 'pcd'],
  },
  { name: 'k', min: 0, max: 100, integer: true, methods: ['cd', 'pcd'] },
  { name: 'reinitRate', min: 0, max: 1, methods: ['pcd'] },
  { name: 'lambda', min: 0, max: 5, methods: ['latent', 'conditional'] },
  { name: 'condition', min: -3, max: 3, methods: ['conditional'] },
];

export const methodOf = (run: RunView): EnergyMethod =>
  run.spec?.lab === 'energy' ? run.spec.config.method : 'cd';

export class EnergyLabState extends LabRuns {
  readonly lab = 'energy';
  readonly fields = energyFields;
  /** The sliders' live parameters (not the landscape's single step, which the registry lists too). */
  override get liveNames(): readonly string[] {
    return Object.keys(energyLiveParams);
  }
  method = $state<EnergyMethod>(defaultEnergyConfig.method);
  data = $state<EnergyDataName>(defaultEnergyConfig.data);
  numbers = $state<Record<string, string>>(numbersOf(energyNumericFields, defaultEnergyConfig));
  /** Points drawn on the pad, interleaved. */
  drawn = $state.raw<readonly number[]>([]);
  /** Train DAE, CD and PCD side by side. */
  compare = $state(false);
  /** The step of the snapshot on show; null follows the run live. */
  snapshotStep = $state<number | null>(null);

  check = $derived.by(() => {
    const input: Record<string, unknown> = {
      method: this.method,
      data: this.data,
      ...readNumbers(energyNumericFields, this.numbers),
    };
    if (this.data === 'drawn') input.points = [...this.drawn];
    return checked(parseEnergyConfig(input), 'energy');
  });

  override get paused(): boolean {
    return this.started.length > 0 && this.started.every((r) => r.state === 'paused' || !isRunning(r));
  }

  /** The methods of the runs on show, else the ones the form would start. */
  get methods(): readonly EnergyMethod[] {
    return this.started.length ? this.started.map(methodOf) : this.formMethods;
  }
  /** The methods Start would train (their fields are the form's). */
  get formMethods(): readonly EnergyMethod[] {
    return this.compare ? comparedMethods : [this.method];
  }

  chooseMethod(method: EnergyMethod): void {
    // K and the learning rate follow the method while they hold the previous method's defaults.
    const [before, after] = [methodDefaults(this.method), methodDefaults(method)];
    for (const key of ['latentDim', 'learningRate'] as const)
      if (Number(this.numbers[key]) === before[key])
        this.numbers = { ...this.numbers, [key]: String(after[key]) };
    this.method = method;
    this.compare = false;
    this.edited();
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
    if (!config) return;
    const methods = this.compare ? comparedMethods : [config.method];
    await this.startRuns(methods.map((method) => ({ lab: 'energy', config: { ...config, method } })));
  }

  override resume(): void {
    this.snapshotStep = null;
    super.resume();
  }
  /** While paused: n more training steps, then pause again (set-param 'step', sent at once). */
  step(n = 1): void {
    this.snapshotStep = null;
    for (const r of this.started) if (r.state === 'paused') this.client.setParam(r.runId, 'step', n);
  }

  protected override liveNamesOf(run: RunView): readonly string[] {
    const method = methodOf(run);
    return energySliders.filter((s) => s.methods.includes(method)).map((s) => s.name);
  }

  protected restore(spec: StartSpec): void {
    if (spec.lab !== 'energy') return;
    const config: EnergyConfig = spec.config;
    this.method = config.method;
    this.data = config.data;
    this.numbers = numbersOf(energyNumericFields, config);
    this.drawn = config.points ? [...config.points] : [];
    this.compare = false;
  }

  protected override shown(): void {
    this.snapshotStep = null;
  }
}

const isRunning = (run: RunView): boolean => run.state === 'running' || run.state === 'starting';

/** The energy lab's state (its components run inside the app shell, where Labs is set). */
export const getEnergyLab = (): EnergyLabState => getLabs().state('energy') as EnergyLabState;
