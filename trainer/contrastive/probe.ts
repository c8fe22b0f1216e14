/**
 * The linear probe of the contrastive lab (SimCLR §4): logistic regression on frozen features
 * of `probeDigits` labelled training digits, scored on the held-out split; and the record of
 * every probe written to the run folder as exports/probe.json.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { LinearProbe, ProbeResult } from '../../models/contrastive/linear-probe.js';
import type { Digits } from '../data/digits.js';
import { writeFileAtomic } from '../atomic-write.js';

export const PROBE_FILE = 'probe.json';

/** Probe accuracy of features(x) with `dim` columns: `probe` fitted on `train`, scored on `test`. */
export async function probeAccuracy(
  features: (pixels: Float32Array) => Promise<Float32Array> | Float32Array,
  dim: number,
  probe: LinearProbe,
  train: Digits,
  test: Digits,
): Promise<ProbeResult> {
  return probe.fit(
    { features: await features(train.pixels), labels: train.labels, dim },
    { features: await features(test.pixels), labels: test.labels, dim },
  );
}

export interface ProbePoint {
  readonly epoch: number;
  readonly step: number;
  readonly testAccuracy: number;
  readonly trainAccuracy: number;
}

export interface ProbeRecord {
  readonly lab: 'contrastive';
  /** Digits the probe was fitted on and scored on. */
  readonly probeTrainDigits: number;
  readonly probeTestDigits: number;
  readonly probeSteps: number;
  /** The same encoder at initialisation (step 0). */
  readonly randomEncoder: { readonly testAccuracy: number; readonly trainAccuracy: number };
  /** The probe on the raw 784 pixels. */
  readonly pixels: { readonly testAccuracy: number; readonly trainAccuracy: number };
  /** The learned encoder after each epoch. */
  readonly learned: readonly ProbePoint[];
  /** The last learned point (null when no epoch finished). */
  readonly final: ProbePoint | null;
}

/** Writes exports/probe.json (temporary file, then renamed); returns its path. */
export async function writeProbeRecord(runDir: string, record: ProbeRecord): Promise<string> {
  const dir = join(runDir, 'exports');
  await mkdir(dir, { recursive: true });
  const file = join(dir, PROBE_FILE);
  await writeFileAtomic(file, `${JSON.stringify(record, null, 2)}\n`);
  return file;
}
