/**
 * Records one live run's events into its folder: metrics appended to metrics.jsonl as they
 * come (in order, one write queue), the latest view of each kind and status.json rewritten
 * at most once per `intervalMs` (tmp + rename), and everything written at once on done or
 * flush. config.json learns the backend the trainer actually picked, and why (e.g. its thread count).
 */
import { appendFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { encodeMessage } from '../protocol/codec.js';
import type { TrainerEvent } from '../protocol/messages.js';
import { historyFileName, metricsLines, viewFileName } from './run-files.js';
import {
  CONFIG_FILE,
  initialStatus,
  HISTORY_DIR,
  METRICS_FILE,
  STATUS_FILE,
  VIEWS_DIR,
  writeFileAtomic,
  type StoredConfig,
  type StoredStatus,
} from './run-layout.js';

export interface RunWriter {
  record(event: TrainerEvent): void;
  /** Writes everything pending now. */
  flush(): Promise<void>;
  readonly status: StoredStatus;
}

export function createRunWriter(dir: string, stored: StoredConfig, intervalMs = 1000): RunWriter {
  let status = initialStatus();
  let config = stored;
  let queue: Promise<void> = Promise.resolve();
  const dirtyViews = new Map<string, TrainerEvent>();
  let statusDirty = true;
  let configDirty = false;
  let timer: NodeJS.Timeout | null = null;

  /** Runs writes one after another; a failed write is reported once and does not stop the rest. */
  const enqueue = (write: () => Promise<void>): Promise<void> => {
    queue = queue.then(write).catch((error: unknown) => {
      process.stderr.write(`ebm-lab: could not write to ${dir}: ${String(error)}\n`);
    });
    return queue;
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
    return enqueue(async () => {
      for (const [name, event] of views)
        await writeFileAtomic(join(dir, VIEWS_DIR, name), encodeMessage(event));
      if (writeConfig)
        await writeFileAtomic(join(dir, CONFIG_FILE), `${JSON.stringify(configSnapshot, null, 2)}\n`);
      if (writeStatus)
        await writeFileAtomic(join(dir, STATUS_FILE), `${JSON.stringify(snapshot, null, 2)}\n`);
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
    record(event) {
      const snapshot = historyFileName(event);
      if (snapshot) {
        const historyDir = join(dir, VIEWS_DIR, HISTORY_DIR);
        const bytes = encodeMessage(event);
        void enqueue(async () => {
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
          void enqueue(() => appendFile(join(dir, METRICS_FILE), lines));
          const last = event.steps.length - 1;
          const total = event.columns.total?.[last];
          if (event.split === 'test' && total !== undefined) update({ lastTestLoss: total });
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
          update({ doneReason: event.reason, doneMessage: event.message });
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
