/**
 * One trainer, independent of how messages reach it (fork IPC, Electron's utilityProcess
 * port, or an in-memory channel in tests): validates every command (checkTrainerCommand),
 * and on 'start' picks the backend, loads and splits the data, builds the model and runs the
 * experiment. Commands that arrive while it starts up are kept and replayed, except Stop: a
 * Stop while the backend starts or the data loads ends the run at once (done 'stopped', nothing
 * trained). Anything that goes wrong becomes an error event, then status 'failed' and
 * done('failed'); nothing throws.
 */
import type { LabConfigs } from '../protocol/labs.js';
import type {
  BackendInfo,
  DoneEvent,
  RunCommand,
  TrainerCommand,
  TrainerEvent,
} from '../protocol/messages.js';
import { checkTrainerCommand } from '../protocol/validate.js';
import { selectEngine, type EngineChoice, type EngineRequest } from './backend.js';
import type { Experiment, LabOverrides, TrainerLab } from './lab.js';
import { trainerLabs } from './labs.js';
import type { StreamTiming } from './run-control.js';

/** How a trainer talks to its host. */
export interface TrainerPort {
  post(event: TrainerEvent): void;
  onMessage(listener: (message: unknown) => void): void;
}

export interface TrainerOptions extends LabOverrides {
  readonly selectEngine?: (request: EngineRequest) => Promise<EngineChoice>;
  readonly timing?: Partial<StreamTiming>;
}

export interface Trainer {
  /** Resolves with the run's done event once it is posted. */
  readonly finished: Promise<DoneEvent>;
}

type StartCommand = Extract<TrainerCommand, { type: 'start' }>;

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export function createTrainer(port: TrainerPort, options: TrainerOptions = {}): Trainer {
  let runId: string | null = null;
  let experiment: Experiment | null = null;
  const early: RunCommand[] = [];
  let resolveFinished: (done: DoneEvent) => void = () => {};
  const finished = new Promise<DoneEvent>((resolve) => (resolveFinished = resolve));
  let stopWhileStarting: () => void = () => {};
  const stoppedWhileStarting = new Promise<'stop'>((resolve) => (stopWhileStarting = () => resolve('stop')));
  /** `work`, unless a Stop comes first. */
  const unlessStopped = <T>(work: Promise<T>): Promise<{ value: T } | 'stop'> =>
    Promise.race([work.then((value) => ({ value })), stoppedWhileStarting]);

  /** Ends a run that never trained: its final status (nothing done) and done. */
  const endUntrained = (id: string, reason: 'failed' | 'stopped', message: string): void => {
    port.post({
      type: 'status',
      runId: id,
      state: reason,
      backend: null,
      epoch: 0,
      step: 0,
      stepsPerEpoch: 0,
      totalSteps: 0,
      samplesPerSecond: 0,
    });
    const done: DoneEvent = { type: 'done', runId: id, reason, message };
    port.post(done);
    resolveFinished(done);
  };

  const fail = (id: string, message: string, field?: string): void => {
    port.post({ type: 'error', runId: id, message, ...(field === undefined ? {} : { field }) });
    endUntrained(id, 'failed', message);
  };

  const stoppedEarly = (id: string, during: string): void =>
    endUntrained(id, 'stopped', `Stopped while ${during}; nothing was trained.`);

  async function start(command: StartCommand): Promise<void> {
    const id = command.runId;
    const starting = { type: 'status', runId: id, state: 'starting', epoch: 0, step: 0 } as const;
    const counts = { stepsPerEpoch: 0, totalSteps: 0, samplesPerSecond: 0 };
    port.post({ ...starting, backend: null, ...counts });
    const lab = trainerLabs[command.lab] as TrainerLab<LabConfigs[typeof command.lab], unknown>;
    const { config } = command;
    // Read the data while the backend initialises (its wasm compiles off the main thread).
    const loading = (options.wrapLoad ?? ((p) => p))(lab.load(config));
    loading.catch(() => {}); // handled below; not an unhandled rejection if the backend fails first
    let backend: BackendInfo;
    let engine: EngineChoice['engine'];
    let current: (() => BackendInfo) | undefined;
    try {
      const request: EngineRequest = {
        lab: command.lab,
        ...(command.backend ? { requested: command.backend } : {}),
        ...(command.threads ? { threads: command.threads } : {}),
      };
      const chosen = await unlessStopped((options.selectEngine ?? selectEngine)(request));
      if (chosen === 'stop') return stoppedEarly(id, 'the backend started');
      ({ backend, engine, current } = chosen.value);
    } catch (e) {
      return fail(id, messageOf(e));
    }
    port.post({ ...starting, backend, ...counts });
    let data: unknown;
    try {
      const loaded = await unlessStopped(loading);
      if (loaded === 'stop') return stoppedEarly(id, 'reading the data');
      data = loaded.value;
    } catch (e) {
      return fail(id, messageOf(e), 'data');
    }
    let created: Experiment | { field: string; message: string };
    try {
      created = lab.create(
        {
          runId: id,
          runDir: command.runDir,
          config,
          backend,
          engine,
          // The GPU rung's line changes as its checks end: each status carries it as it stands.
          post: (event) =>
            port.post(
              event.type === 'status' && event.backend && current ? { ...event, backend: current() } : event,
            ),
          ...(options.timing ? { timing: options.timing } : {}),
        },
        data,
        options,
      );
    } catch (e) {
      return fail(id, `Could not build the model of run ${id}: ${messageOf(e)}`);
    }
    if ('field' in created) return fail(id, created.message, created.field);
    const running = created;
    experiment = running;
    for (const queued of early.splice(0)) running.handle(queued);
    try {
      resolveFinished(await running.run());
    } catch (e) {
      fail(id, `The trainer of run ${id} failed: ${messageOf(e)}`);
    } finally {
      running.dispose();
    }
  }

  port.onMessage((message) => {
    const checked = checkTrainerCommand(message);
    if (!checked.ok) {
      port.post({ type: 'error', runId, message: `Rejected a command: ${checked.error}.` });
      return;
    }
    const command = checked.value;
    if (command.type === 'start') {
      if (runId !== null) {
        port.post({
          type: 'error',
          runId,
          message: `This trainer already runs ${runId}; start a new trainer per run.`,
        });
        return;
      }
      runId = command.runId;
      void start(command);
      return;
    }
    if (runId === null) {
      port.post({ type: 'error', runId: null, message: `No run has started; ${command.type} ignored.` });
    } else if (experiment) experiment.handle(command);
    else if (command.type === 'stop') stopWhileStarting();
    else early.push(command);
  });

  return { finished };
}
