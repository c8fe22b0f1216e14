/**
 * Opening a run from disk: its folder read back as the events a live run would have sent,
 * so the renderer rebuilds the lab from one path — run-opened, status, the metrics of both
 * splits in column form, the stored views, the last checkpoint, and done; run-opened carries
 * the values set live while it trained (params.jsonl). A run that was
 * left mid-way (the host or the machine went down) and that no live host records reads as
 * failed (run-store.ts settledState, the same reading as the runs list).
 */
import { join } from 'node:path';
import type { StartSpec } from '../protocol/labs.js';
import type { DoneEvent, LabEvent, RunState, StatusEvent } from '../protocol/messages.js';
import { isSaid, saidAsIs, sayShared, type Said } from '../protocol/texts.js';
import { pointsToEvent, readHistory, readMetricsLog, readParamsLog, readViews } from './run-files.js';
import { HISTORY_DIR, initialStatus, METRICS_FILE, PARAMS_FILE, VIEWS_DIR } from './run-layout.js';
import { settledState, type RunStore } from './run-store.js';

export async function replayRun(
  store: RunStore,
  runId: string,
  requestId: string,
  live: boolean,
): Promise<LabEvent[]> {
  const dir = store.runDir(runId);
  const stored = await store.readConfig(runId);
  const status = (await store.readStatus(runId)) ?? initialStatus();
  const points = await readMetricsLog(join(dir, METRICS_FILE));
  const lastStep = points.reduce((m, p) => Math.max(m, p.step), status.lastStep);
  const state: RunState = settledState(status, live); // as the runs list shows it
  const interrupted = state !== status.state;
  const events: LabEvent[] = [
    {
      type: 'run-opened',
      requestId,
      runId,
      ...({ lab: stored.lab, config: stored.config } as StartSpec),
      params: await readParamsLog(join(dir, PARAMS_FILE)),
    },
  ];
  const statusEvent: StatusEvent = {
    type: 'status',
    runId,
    state,
    backend: status.backend ?? stored.backend,
    epoch: status.epoch,
    step: lastStep,
    stepsPerEpoch: status.stepsPerEpoch,
    totalSteps: status.totalSteps,
    samplesPerSecond: 0,
  };
  events.push(statusEvent);
  for (const split of ['train', 'test'] as const) {
    const metrics = pointsToEvent(runId, split, points);
    if (metrics) events.push(metrics);
  }
  events.push(...(await readHistory(join(dir, VIEWS_DIR, HISTORY_DIR), runId)));
  events.push(...(await readViews(join(dir, VIEWS_DIR), runId)));
  if (status.checkpointStep !== null) {
    const epoch = status.stepsPerEpoch ? status.checkpointStep / status.stepsPerEpoch : 0;
    events.push({ type: 'checkpoint', runId, step: status.checkpointStep, epoch, file: 'checkpoint.json' });
  }
  const said = isSaid(status.doneSaid) ? status.doneSaid : saidAsIs(status.doneMessage ?? '');
  const done = doneOf(runId, status.doneReason, said, interrupted, lastStep);
  if (done) events.push(done);
  return events;
}

function doneOf(
  runId: string,
  reason: DoneEvent['reason'] | null,
  said: Said,
  interrupted: boolean,
  lastStep: number,
): DoneEvent | null {
  if (reason) return { type: 'done', runId, reason, ...said };
  if (!interrupted) return null;
  return { type: 'done', runId, reason: 'failed', ...sayShared('interrupted', { runId, step: lastStep }) };
}
