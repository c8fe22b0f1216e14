/**
 * The PyTorch reference (bench/pytorch_vae.py), run only where a Python with torch exists
 * (Debian: apt-get install python3-torch libopenblas0-pthread). One thread, OpenBLAS.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Measurement } from './harness.js';

const SCRIPT = fileURLToPath(new URL('./pytorch_vae.py', import.meta.url));
/** A reference script beside this file, by name. */
export const referenceScript = (name: string): string => fileURLToPath(new URL(`./${name}`, import.meta.url));
const ENV = { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };

let found: string | null | undefined;

/** A python interpreter that can `import torch` (PATH's python3 first, then Debian's). */
export function torchPython(): string | null {
  if (found !== undefined) return found;
  found = null;
  for (const candidate of ['python3', '/usr/bin/python3']) {
    const probe = spawnSync(candidate, ['-c', 'import torch'], {
      env: ENV,
      stdio: 'ignore',
      timeout: 60_000,
    });
    if (probe.status === 0) {
      found = candidate;
      break;
    }
  }
  return found;
}

/**
 * Runs a reference script (pytorch_vae.py by default) with `args` on `threads` BLAS threads;
 * returns its JSON lines as measurements.
 */
export function runPytorch(
  args: readonly string[],
  timeoutMs: number,
  threads = 1,
  script = SCRIPT,
): Measurement[] {
  const python = torchPython();
  if (!python) return [];
  const n = String(threads);
  const env = { ...ENV, OPENBLAS_NUM_THREADS: n, OMP_NUM_THREADS: n, MKL_NUM_THREADS: n };
  const run = spawnSync(python, [script, ...args, '--threads', n], {
    env,
    encoding: 'utf8',
    timeout: timeoutMs,
  });
  if (run.status !== 0) {
    throw new Error(`${script} ${args.join(' ')} failed: ${run.stderr || run.error?.message}`);
  }
  return run.stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Measurement);
}
