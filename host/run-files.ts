/**
 * The formats of a run folder's streamed files: metrics.jsonl lines, and the views/ files
 * holding the latest heavy event of each kind. Reading tolerates a crash mid-write: a torn
 * (unparsable) last line of the log is skipped, and a view file that does not decode is
 * left out.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeMessage } from '../protocol/codec.js';
import { isRecord } from '../protocol/fields.js';
import type { LiveChange, MetricsEvent, TrainerEvent } from '../protocol/messages.js';

/** One line of metrics.jsonl. */
export interface MetricsPoint {
  readonly split: 'train' | 'test';
  readonly step: number;
  readonly epoch: number;
  readonly columns: Readonly<Record<string, number | null>>;
}

/** The lines of a metrics event (a non-finite value is written as null). */
export function metricsLines(event: MetricsEvent): string {
  let out = '';
  const names = Object.keys(event.columns);
  for (let i = 0; i < event.steps.length; i++) {
    const columns: Record<string, number | null> = {};
    for (const name of names) {
      const v = event.columns[name]?.[i];
      columns[name] = v === undefined || !Number.isFinite(v) ? null : v;
    }
    const point: MetricsPoint = {
      split: event.split,
      step: event.steps[i] ?? 0,
      epoch: event.epochs[i] ?? 0,
      columns,
    };
    out += `${JSON.stringify(point)}\n`;
  }
  return out;
}

function isPoint(value: unknown): value is MetricsPoint {
  const p = value as MetricsPoint | null;
  return (
    typeof p === 'object' &&
    p !== null &&
    (p.split === 'train' || p.split === 'test') &&
    typeof p.step === 'number' &&
    Number.isFinite(p.step) && // 1e400 parses as Infinity: not a step
    typeof p.epoch === 'number' &&
    Number.isFinite(p.epoch) &&
    typeof p.columns === 'object' &&
    p.columns !== null
  );
}

/** Every line of a JSON-lines file that `accept` takes, in order; torn or foreign lines are skipped, a missing file is none. */
async function readJsonLines<T>(file: string, accept: (value: unknown) => value is T): Promise<T[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return [];
  }
  const out: T[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const value: unknown = JSON.parse(line);
      if (accept(value)) out.push(value);
    } catch {
      // a torn line (the process died mid-append): skip it
    }
  }
  return out;
}

/** Every well-formed point of the log, in order. */
export const readMetricsLog = (file: string): Promise<MetricsPoint[]> => readJsonLines(file, isPoint);

function isLiveChange(value: unknown): value is LiveChange {
  if (!isRecord(value) || typeof value.name !== 'string') return false;
  return [value.value, value.step, value.epoch, value.at].every(
    (v) => typeof v === 'number' && Number.isFinite(v),
  );
}

/** The live values of params.jsonl, oldest first. */
export const readParamsLog = (file: string): Promise<LiveChange[]> => readJsonLines(file, isLiveChange);

/** Points of one split as one MetricsEvent in column form (null when there are none). */
export function pointsToEvent(
  runId: string,
  split: 'train' | 'test',
  all: readonly MetricsPoint[],
): MetricsEvent | null {
  const points = all.filter((p) => p.split === split);
  if (points.length === 0) return null;
  const names = [...new Set(points.flatMap((p) => Object.keys(p.columns)))];
  const columns: Record<string, Float32Array> = {};
  for (const name of names) columns[name] = Float32Array.from(points, (p) => p.columns[name] ?? Number.NaN);
  return {
    type: 'metrics',
    runId,
    split,
    steps: Float64Array.from(points, (p) => p.step),
    epochs: Float64Array.from(points, (p) => p.epoch),
    columns,
  };
}

/** The views/ file name of a heavy event: one per images view, one per other kind. */
export function viewFileName(event: TrainerEvent): string | null {
  switch (event.type) {
    case 'images':
      return VIEW_NAME.test(event.view) ? `images-${event.view}.bin` : null;
    case 'arrays':
      return VIEW_NAME.test(event.view) ? `arrays-${event.view}.bin` : null;
    case 'scatter':
    case 'decoder':
    case 'dataset':
      return `${event.type}.bin`;
    default:
      return null;
  }
}

const VIEW_NAME = /^[a-z0-9-]{1,40}$/;

/** The views/history/ file name of a snapshot (an arrays event with `keep`), sortable by step. */
export function historyFileName(event: TrainerEvent): string | null {
  if (event.type !== 'arrays' || !event.keep || !VIEW_NAME.test(event.view)) return null;
  return `arrays-${event.view}-${String(Math.max(0, Math.floor(event.step))).padStart(10, '0')}.bin`;
}

/** The snapshots of a run (oldest first, at most `limit` per view), with runId set to `runId`. */
export async function readHistory(historyDir: string, runId: string, limit = 200): Promise<TrainerEvent[]> {
  let names: string[];
  try {
    names = (await readdir(historyDir)).filter((n) => n.endsWith('.bin')).sort();
  } catch {
    return [];
  }
  const events: TrainerEvent[] = [];
  const perView = new Map<string, number>();
  for (const name of names.reverse()) {
    try {
      const decoded = decodeMessage(await readFile(join(historyDir, name))) as TrainerEvent;
      if (typeof decoded !== 'object' || decoded === null || historyFileName(decoded) !== name) continue;
      const view = (decoded as { view: string }).view;
      const count = perView.get(view) ?? 0;
      if (count >= limit) continue;
      perView.set(view, count + 1);
      events.push({ ...decoded, runId });
    } catch {
      // unreadable snapshot: leave it out
    }
  }
  return events.reverse();
}

/** The order views are replayed in: the dataset first, then images, scatter, decoder. */
const replayRank = (name: string): number =>
  name === 'dataset.bin' ? 0 : name === 'images-originals.bin' ? 1 : name.startsWith('images-') ? 2 : 3;

/** The stored views of a run folder, decoded, with their runId set to `runId`. */
export async function readViews(viewsDir: string, runId: string): Promise<TrainerEvent[]> {
  let names: string[];
  try {
    names = (await readdir(viewsDir)).filter((n) => n.endsWith('.bin'));
  } catch {
    return [];
  }
  names.sort((a, b) => replayRank(a) - replayRank(b) || a.localeCompare(b));
  const events: TrainerEvent[] = [];
  for (const name of names) {
    try {
      const decoded = decodeMessage(await readFile(join(viewsDir, name))) as TrainerEvent;
      if (typeof decoded === 'object' && decoded !== null && viewFileName(decoded) === name) {
        events.push({ ...decoded, runId });
      }
    } catch {
      // unreadable view: leave it out
    }
  }
  return events;
}
