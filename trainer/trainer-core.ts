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
import { SaidError, saidAsIs, saidOf, sayShared, type Said } from '../protocol/texts.js';
import type { FieldError } from '../protocol/fields.js';
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
  const endUntrained = (id: string, reason: 'failed' | 'stopped', said: Said): void => {
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
    const done: DoneEvent = { type: 'done', runId: id, reason, ...said };
    port.post(done);
    resolveFinished(done);
  };

  const fail = (id: string, said: Said, field?: string): void => {
    port.post({ type: 'error', runId: id, ...said, ...(field === undefined ? {} : { field }) });
    endUntrained(id, 'failed', said);
  };

  const stoppedEarly = (id: string, during: 'stoppedStartingBackend' | 'stoppedReadingData'): void =>
    endUntrained(id, 'stopped', sayShared('stoppedEarly', { during: sayShared(during) }));

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
      if (chosen === 'stop') return stoppedEarly(id, 'stoppedStartingBackend');
      ({ backend, engine, current } = chosen.value);
    } catch (e) {
      return fail(id, saidAsIs(messageOf(e))); // the backend's own sentence (trainer/backend.ts)
    }
    port.post({ ...starting, backend, ...counts });
    let data: unknown;
    try {
      const loaded = await unlessStopped(loading);
      if (loaded === 'stop') return stoppedEarly(id, 'stoppedReadingData');
      data = loaded.value;
    } catch (e) {
      // The data reader's sentence: coded where it says one (a folder), else as it wrote it.
      return fail(id, e instanceof SaidError ? saidOf(e.said) : saidAsIs(messageOf(e)), 'data');
    }
    let created: Experiment | FieldError;
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
      return fail(id, sayShared('buildFailed', { runId: id, error: messageOf(e) }));
    }
    if ('field' in created) return fail(id, created, created.field);
    const running = created;
    experiment = running;
    for (const queued of early.splice(0)) running.handle(queued);
    try {
      resolveFinished(await running.run());
    } catch (e) {
      fail(id, sayShared('trainerFailed', { runId: id, error: messageOf(e) }));
    } finally {
      running.dispose();
    }
  }

  port.onMessage((message) => {
    const checked = checkTrainerCommand(message);
    if (!checked.ok) {
      port.post({ type: 'error', runId, ...sayShared('commandRejected', { error: checked.error }) });
      return;
    }
    const command = checked.value;
    if (command.type === 'start') {
      if (runId !== null) {
        port.post({ type: 'error', runId, ...sayShared('trainerBusy', { runId }) });
        return;
      }
      runId = command.runId;
      void start(command);
      return;
    }
    if (runId === null) {
      port.post({ type: 'error', runId: null, ...sayShared('noRunYet', { command: command.type }) });
    } else if (experiment) experiment.handle(command);
    else if (command.type === 'stop') stopWhileStarting();
    else early.push(command);
  });

  return { finished };
}
