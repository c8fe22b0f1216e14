/**
 * Records one live run's events into its folder: metrics appended to metrics.jsonl as they
 * come (in order, one write queue), the latest view of each kind and status.json rewritten
 * at most once per `intervalMs` (tmp + rename), and everything written at once on done or
 * flush. config.json learns the backend the trainer actually picked, and why (e.g. its thread count).
 *
 * A write that fails (a full disk, an I/O error) is not retried quietly: the first failure is
 * reported once through `onFailure` with a sentence naming the file and the cause (the host
 * then ends the run as failed); a metrics append that failed half-way is cut back to its last
 * whole line, and atomic writes leave no temporary file behind (run-layout.ts).
 */
import { appendFile, mkdir, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import { encodeMessage } from '../protocol/codec.js';
import { labs } from '../protocol/labs.js';
import { headlineOf } from '../protocol/metrics.js';
import type { LiveChange, TrainerEvent } from '../protocol/messages.js';
import { describeFsError } from '../trainer/data/read-file.js';
import { sayShared, type Said } from '../protocol/texts.js';
import { historyFileName, metricsLines, viewFileName } from './run-files.js';
import {
  CONFIG_FILE,
  initialStatus,
  HISTORY_DIR,
  METRICS_FILE,
  PARAMS_FILE,
  STATUS_FILE,
  VIEWS_DIR,
  writeFileAtomic,
  type StoredConfig,
  type StoredStatus,
} from './run-layout.js';

export interface RunWriter {
  record(event: TrainerEvent): void;
  /** Appends a live value sent to the run to params.jsonl, at the step the run has reached. */
  recordParam(name: string, value: number): void;
  /** Writes everything pending now. */
  flush(): Promise<void>;
  readonly status: StoredStatus;
  /** The last training step whose metrics are on disk. */
  readonly savedStep: number;
}

/** A file of the run that could not be written, and why (node's error). */
export interface WriteFailure {
  readonly file: string;
  readonly error: unknown;
  /** "Could not write metrics.jsonl: the disk is full." */
  readonly sentence: string;
  /** The sentence as a code with parameters (protocol/texts.ts). */
  readonly said: Said;
}

export function createRunWriter(
  dir: string,
  stored: StoredConfig,
  intervalMs = 1000,
  onFailure: (failure: WriteFailure) => void = (f) =>
    void process.stderr.write(`ebm-lab: ${f.sentence} (in ${dir})\n`),
): RunWriter {
  let status = initialStatus();
  let config = stored;
  let queue: Promise<void> = Promise.resolve();
  let failed = false;
  let metricsBytes = 0; // metrics.jsonl's length after its last whole line
  let savedStep = 0;
  const dirtyViews = new Map<string, TrainerEvent>();
  let statusDirty = true;
  let configDirty = false;
  let timer: NodeJS.Timeout | null = null;

  /**
   * Runs writes one after another. The first failure is reported (onFailure); later writes
   * still run (the status that says 'failed' may fit once the cut-back has freed space).
   */
  const enqueue = (file: string, write: () => Promise<void>): Promise<void> => {
    queue = queue.then(write).catch((error: unknown) => {
      if (failed) return;
      failed = true;
      const where = (error as { file?: string }).file ?? file;
      const name = where.startsWith(`${dir}/`) ? where.slice(dir.length + 1) : where;
      const said = sayShared('writeFailedFile', { name, error: describeFsError(error) });
      onFailure({ file, error, sentence: said.message, said });
    });
    return queue;
  };

  /** Appends whole lines to metrics.jsonl; a failed append is cut back to the last whole line. */
  const appendMetrics = async (lines: string, step: number): Promise<void> => {
    const file = join(dir, METRICS_FILE);
    try {
      await appendFile(file, lines);
      metricsBytes += Buffer.byteLength(lines);
      savedStep = Math.max(savedStep, step);
    } catch (error) {
      await truncate(file, metricsBytes).catch(() => {});
      throw error;
    }
  };

  function writeDirty(): Promise<void> {
    timer = null;
    const views = [...dirtyViews.entries()];
    dirtyViews.clear();
    const writeStatus = statusDirty;
    const writeConfig = configDirty;
    statusDirty = configDirty = false;
    const snapshot = { ...status, updatedAt: new Date().toISOString() };
    const configSnapshot = config;
    let current = dir;
    return enqueue(dir, async () => {
      try {
        for (const [name, event] of views) {
          current = join(dir, VIEWS_DIR, name);
          await writeFileAtomic(current, encodeMessage(event));
        }
        if (writeConfig) {
          current = join(dir, CONFIG_FILE);
          await writeFileAtomic(current, `${JSON.stringify(configSnapshot, null, 2)}\n`);
        }
        if (writeStatus) {
          current = join(dir, STATUS_FILE);
          await writeFileAtomic(current, `${JSON.stringify(snapshot, null, 2)}\n`);
        }
      } catch (error) {
        throw Object.assign(error instanceof Error ? error : new Error(String(error)), { file: current });
      }
    });
  }

  const schedule = (): void => {
    timer ??= setTimeout(() => void writeDirty(), intervalMs);
  };
  const update = (patch: Partial<StoredStatus>): void => {
    status = { ...status, ...patch };
    statusDirty = true;
    schedule();
  };

  return {
    get status() {
      return status;
    },
    get savedStep() {
      return savedStep;
    },
    recordParam(name, value) {
      const change: LiveChange = { name, value, step: status.lastStep, epoch: status.epoch, at: Date.now() };
      const file = join(dir, PARAMS_FILE);
      void enqueue(file, () => appendFile(file, `${JSON.stringify(change)}\n`));
    },
    record(event) {
      const snapshot = historyFileName(event);
      if (snapshot) {
        const historyDir = join(dir, VIEWS_DIR, HISTORY_DIR);
        const bytes = encodeMessage(event);
        void enqueue(join(historyDir, snapshot), async () => {
          await mkdir(historyDir, { recursive: true });
          await writeFileAtomic(join(historyDir, snapshot), bytes);
        });
      }
      const view = viewFileName(event);
      if (view) {
        dirtyViews.set(view, event);
        return schedule();
      }
      switch (event.type) {
        case 'metrics': {
          const lines = metricsLines(event);
          const last = event.steps.length - 1;
          const step = event.split === 'train' ? (event.steps[last] ?? 0) : 0;
          void enqueue(join(dir, METRICS_FILE), () => appendMetrics(lines, step));
          const headline = headlineOf(labs[stored.lab].metrics, event.columns)?.[last];
          if (event.split === 'test' && headline !== undefined) update({ lastTestLoss: headline });
          if (event.split === 'train')
            update({ lastStep: Math.max(status.lastStep, event.steps[last] ?? 0) });
          return;
        }
        case 'status': {
          const learnt = config.backend;
          if (
            event.backend &&
            (learnt?.name !== event.backend.name || learnt.reason !== event.backend.reason)
          ) {
            config = { ...config, backend: event.backend };
            configDirty = true;
          }
          return update({
            state: event.state,
            lastStep: Math.max(status.lastStep, event.step),
            epoch: event.epoch,
            stepsPerEpoch: event.stepsPerEpoch,
            totalSteps: event.totalSteps,
            samplesPerSecond: event.samplesPerSecond,
            ...(event.backend ? { backend: event.backend } : {}),
          });
        }
        case 'checkpoint':
          return update({ checkpointStep: event.step });
        case 'error':
          return update({ lastError: event.message });
        case 'done':
          update({
            doneReason: event.reason,
            doneMessage: event.message,
            doneSaid: { code: event.code, params: event.params, message: event.message },
          });
          if (timer) clearTimeout(timer);
          void writeDirty();
          return;
      }
    },
    flush() {
      if (timer) clearTimeout(timer);
      return writeDirty();
    },
  };
}
