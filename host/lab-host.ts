/**
 * The lab host: the run registry between the transports (Electron IPC, the WebSocket
 * server, the CLI) and the trainer processes. It creates run folders, launches one trainer
 * per run, checks each trainer event (checkTrainerEvent), records it (run-writer.ts) and
 * forwards it to every subscriber. A trainer that exits without its done event (killed,
 * crashed) is reported as failed, with its metrics up to then on disk; other runs and new
 * runs carry on. A start the trainer refuses before training (bad input: data it cannot read,
 * a field it rejects) leaves no run folder: the folder goes before its done is sent. Runs are
 * deleted (never while they train) and renamed here too. Commands arrive already validated
 * (checkClientCommand) by the transport; a set-param is checked here against its run's lab
 * (protocol/live-params.ts), so a name that is not live or a value out of range is refused with
 * the range and never reaches a trainer.
 */
import { availableParallelism } from 'node:os';
import type {
  BackendName,
  ClientCommand,
  DamagedRun,
  LabEvent,
  LabName,
  RunCommand,
  RunSummary,
  StartSpec,
  TrainerEvent,
} from '../protocol/messages.js';
import { checkLiveParam, isLiveValue } from '../protocol/live-params.js';
import { SaidError, saidOf, sayShared, type Said } from '../protocol/texts.js';
import { checkTrainerEvent } from '../protocol/validate.js';
import { probeBackend } from '../trainer/backend-probe.js';
import { replayRun } from './run-replay.js';
import { createRunStore, settledState } from './run-store.js';
import type { StoredConfig } from './run-layout.js';
import { createRunWriter, type RunWriter } from './run-writer.js';
import type { LabHost, TrainerEndpoint, TrainerLauncher } from './types.js';

export interface LabHostOptions {
  readonly runsDir: string;
  readonly launcher: TrainerLauncher;
  /** --backend: every trainer uses this rung (and fails clearly without it). */
  readonly backend?: BackendName;
  /**
   * --threads: ONNX Runtime's intra-op threads per trainer. Without it, every core for a
   * headless run (the CLI); hosts with a window pass windowThreads() instead.
   */
  readonly threads?: number;
  readonly version: string;
  /** How long close() lets a trainer stop cleanly before killing it (ms). */
  readonly stopGraceMs?: number;
  /** Runs that may train at once (default defaultMaxRuns()); a start beyond it is refused. */
  readonly maxRuns?: number;
}

interface LiveRun {
  readonly lab: LabName;
  readonly endpoint: TrainerEndpoint;
  readonly writer: RunWriter;
  readonly exited: Promise<void>;
  done: boolean;
  /** The trainer refused the start (an error naming a field while the run was starting). */
  refused: boolean;
  /** The removal of a refused run's folder (resolved at once for other runs). */
  removal: Promise<void>;
}

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * Threads for runs that a window watches: every core but one, which the window keeps (measured
 * on 2 cores: with both busy the frame p95 doubled and drag-to-decode slowed, for 5 % more steps/s).
 */
export function windowThreads(cores = availableParallelism()): number {
  return Math.max(1, cores - 1);
}

/**
 * Runs that may train at once: one per core, and at least four (a comparison starts up to
 * three side by side: the energy lab's DAE, CD and PCD; the VAE and its classic auto-encoder
 * are two). Each run keeps every core it is given busy; many more runs than cores only slow
 * every one of them down.
 */
export function defaultMaxRuns(cores = availableParallelism()): number {
  return Math.max(4, cores);
}

export function createLabHost(options: LabHostOptions): LabHost {
  const maxRuns = options.maxRuns ?? defaultMaxRuns();
  let starting = 0; // starts between the limit check and their entry in `live`
  const store = createRunStore(options.runsDir);
  const live = new Map<string, LiveRun>();
  const listeners = new Set<(event: LabEvent) => void>();

  const broadcast = (event: LabEvent): void => {
    for (const listener of [...listeners]) listener(event);
  };

  /** Events of a run: recorded in its folder, then sent to every subscriber. */
  const emit = (run: LiveRun, event: TrainerEvent): void => {
    run.writer.record(event);
    if (event.type === 'done') run.done = true;
    broadcast(event);
  };

  /** Ends a run here, in the host, as failed: the error, the final status and done, with `message`. */
  function endAsFailed(runId: string, run: LiveRun, said: Said): void {
    const s = run.writer.status;
    emit(run, { type: 'error', runId, ...said });
    emit(run, {
      type: 'status',
      runId,
      state: 'failed',
      backend: s.backend,
      epoch: s.epoch,
      step: s.lastStep,
      stepsPerEpoch: s.stepsPerEpoch,
      totalSteps: s.totalSteps,
      samplesPerSecond: 0,
    });
    emit(run, { type: 'done', runId, reason: 'failed', ...said });
  }

  /**
   * A start the trainer refused (bad input) creates no run: its folder goes once its writes
   * have landed, then its done is sent (so a list made on done no longer shows it). Should the
   * host die first, the folder stays, marked failed.
   */
  function discardRefused(runId: string, run: LiveRun, done: TrainerEvent): void {
    run.done = true;
    run.removal = run.writer
      .flush()
      .then(() => store.remove(runId))
      .catch((e: unknown) =>
        process.stderr.write(
          `ebm-lab: could not remove the folder of refused run ${runId}: ${messageOf(e)}\n`,
        ),
      )
      .then(() => broadcast(done));
  }

  /** A run the trainer reports as refused: an error about a field (bad input) before it ran. */
  const refusal = (run: LiveRun, event: TrainerEvent): boolean =>
    event.type === 'error' && event.field !== undefined && run.writer.status.state === 'starting';

  function reportCrash(
    runId: string,
    run: LiveRun,
    exit: { code: number | null; signal: string | null },
  ): void {
    const how = exit.signal
      ? sayShared('exitSignal', { signal: exit.signal })
      : sayShared('exitCode', { code: String(exit.code) });
    const step = run.writer.status.lastStep;
    endAsFailed(runId, run, sayShared('trainerExited', { runId, how, step }));
  }

  /**
   * A write into the run's folder failed (a full disk), by this host or by the trainer (its
   * checkpoint): the run cannot be recorded, so it ends here as failed, with the file and the
   * cause named, and its trainer is stopped.
   */
  function failOnWrite(runId: string, sentence: Said): void {
    const run = live.get(runId);
    if (!run || run.done) return;
    const s = run.writer.status;
    const kept =
      s.checkpointStep === null
        ? sayShared('writeKeptNone')
        : sayShared('writeKeptCheckpoint', { step: s.checkpointStep });
    endAsFailed(
      runId,
      run,
      sayShared('writeFailedRun', { sentence, runId, step: s.lastStep, saved: run.writer.savedStep, kept }),
    );
    run.endpoint.kill();
  }

  async function start(
    command: Extract<ClientCommand, { type: 'start' }>,
    reply: (e: LabEvent) => void,
  ): Promise<void> {
    const spec = { lab: command.lab, config: command.config } as StartSpec;
    const training = [...live.values()].filter((r) => !r.done).length + starting;
    if (training >= maxRuns) {
      const cores = availableParallelism();
      const forCores =
        options.maxRuns === undefined
          ? sayShared(cores === 1 ? 'forOneCore' : 'forCores', { count: cores })
          : '';
      return reply({
        type: 'error',
        runId: null,
        requestId: command.requestId,
        ...sayShared('tooManyRuns', {
          training: sayShared(training === 1 ? 'oneRunTrains' : 'runsTrain', { count: training }),
          max: maxRuns,
          cores: forCores,
        }),
      });
    }
    starting += 1; // counted from here, before the awaits below let another start in
    let runId: string;
    let run: LiveRun;
    let dir: string;
    let exitedResolve: () => void = () => {};
    try {
      let stored: StoredConfig;
      ({ runId, dir, stored } = await store.create(spec, probeBackend(options.backend)));
      // From here to live.set nothing awaits: once its folder exists, the run is live (so it
      // cannot be deleted while it starts).
      const endpoint = options.launcher();
      const id = runId;
      const writer = createRunWriter(dir, stored, undefined, (failure) => failOnWrite(id, failure.said));
      run = {
        lab: spec.lab,
        endpoint,
        writer,
        done: false,
        refused: false,
        removal: Promise.resolve(),
        exited: new Promise((r) => (exitedResolve = r)),
      };
      live.set(runId, run);
      reply({ type: 'run-created', requestId: command.requestId, runId, ...spec });
    } finally {
      starting -= 1;
    }
    const { endpoint, writer } = run;
    endpoint.onMessage((message) => {
      // Nothing more from this trainer after its exit was handled, or after the run ended (the
      // host may end it first: a write that failed), e.g. a 'completed' already on its way.
      if (!live.has(runId) || run.done) return;
      const checked = checkTrainerEvent(message, runId);
      if (checked.ok && checked.value.type === 'error' && checked.value.fatal)
        failOnWrite(runId, saidOf(checked.value)); // the trainer could not write a file of the run
      else if (checked.ok && checked.value.type === 'done' && run.refused)
        discardRefused(runId, run, checked.value);
      else if (checked.ok) {
        if (refusal(run, checked.value)) run.refused = true;
        emit(run, checked.value);
      } else
        process.stderr.write(
          `ebm-lab: ignored a malformed event from the trainer of ${runId}: ${checked.error}\n`,
        );
    });
    endpoint.onExit((exit) => {
      if (!run.done) reportCrash(runId, run, exit);
      live.delete(runId);
      void Promise.all([writer.flush(), run.removal]).then(exitedResolve);
    });
    endpoint.send({
      type: 'start',
      runId,
      runDir: dir,
      ...(options.backend ? { backend: options.backend } : {}),
      ...(options.threads ? { threads: options.threads } : {}),
      ...spec,
    });
  }

  function forward(command: RunCommand, reply: (e: LabEvent) => void): void {
    const run = live.get(command.runId);
    if (run && !run.done) {
      const bad = command.type === 'set-param' ? checkLiveParam(run.lab, command.name, command.value) : null;
      if (bad) return reply({ type: 'error', runId: command.runId, ...bad });
      // Kept in the run folder, so a reopened run shows the values it took and where.
      if (command.type === 'set-param' && isLiveValue(command.name))
        run.writer.recordParam(command.name, command.value);
      return run.endpoint.send(command);
    }
    reply({
      type: 'error',
      runId: command.runId,
      ...sayShared('notRunning', { runId: command.runId, command: command.type }),
    });
  }

  async function list(): Promise<{ runs: RunSummary[]; damaged: DamagedRun[] }> {
    const { runs, damaged } = await store.scan();
    return {
      damaged,
      runs: runs.map((r) => {
        const run = live.get(r.runId);
        // A live run's folder lags its events by up to a second; its writer knows the latest.
        if (!run) return r; // the store has settled it (run-store.ts settledState)
        const { state, lastStep, lastTestLoss } = run.writer.status;
        return { ...r, state, lastStep, lastTestLoss };
      }),
    };
  }

  /** Deletes a run's folder, unless the run trains (here, or in another live EBM Lab). */
  async function remove(runId: string): Promise<void> {
    const run = live.get(runId);
    if (run && !run.done) throw new SaidError(sayShared('stillTraining', { runId }));
    if (run) await run.writer.flush(); // its last writes land before its folder goes
    const status = await store.readStatus(runId);
    const state = run ? 'done' : settledState(status, false);
    if (state === 'starting' || state === 'running' || state === 'paused') {
      throw new SaidError(sayShared('trainingElsewhere', { runId, pid: String(status?.hostPid) }));
    }
    await store.remove(runId);
  }

  async function carryOut(command: ClientCommand, reply: (e: LabEvent) => void): Promise<void> {
    switch (command.type) {
      case 'start':
        return start(command, reply);
      case 'list-runs':
        return reply({ type: 'runs', requestId: command.requestId, ...(await list()) });
      case 'open-run': {
        const events = await replayRun(store, command.runId, command.requestId, live.has(command.runId));
        return events.forEach(reply);
      }
      case 'delete-run':
        await remove(command.runId);
        return reply({ type: 'runs', requestId: command.requestId, ...(await list()) });
      case 'rename-run':
        await store.rename(command.runId, command.name);
        return reply({ type: 'runs', requestId: command.requestId, ...(await list()) });
      case 'save-export': {
        const file = await store.saveExport(command.runId, command.name, command.bytes);
        return reply({ type: 'export-saved', requestId: command.requestId, runId: command.runId, file });
      }
      default:
        return forward(command, reply);
    }
  }

  return {
    hello: () => ({
      type: 'hello',
      version: options.version,
      backend: probeBackend(options.backend),
      runsDir: store.runsDir,
    }),
    dispatch(command, reply) {
      carryOut(command, reply).catch((e: unknown) => {
        const requestId = 'requestId' in command ? command.requestId : undefined;
        const runId = 'runId' in command ? command.runId : null;
        const error = e instanceof SaidError ? e.said : messageOf(e);
        reply({
          type: 'error',
          runId,
          ...sayShared('commandFailed', { command: command.type, error }),
          ...(requestId ? { requestId } : {}),
        });
      });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      const grace = options.stopGraceMs ?? 5000;
      await Promise.all(
        [...live.entries()].map(async ([runId, run]) => {
          if (!run.done) run.endpoint.send({ type: 'stop', runId });
          const timer = setTimeout(() => run.endpoint.kill(), grace);
          await run.exited;
          clearTimeout(timer);
        }),
      );
    },
  };
}
