/**
 * The backend ladder (DESIGN.md, "Backends"), chosen once per trainer process:
 *   'tensorflow-gpu' (@tensorflow/tfjs-node-gpu, CUDA) → 'tensorflow' (@tensorflow/tfjs-node,
 *   native CPU) → 'wasm' (@tensorflow/tfjs-backend-wasm, SIMD) → 'cpu' (plain JS).
 * The two native packages are optionalDependencies whose install downloads libtensorflow;
 * where that failed npm skips them and importing them throws MODULE_NOT_FOUND, so each rung
 * is a dynamic import in try/catch. An explicit choice (--backend) wins and fails clearly.
 * The host's cheap guess, without loading TensorFlow, is in backend-probe.ts.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { BackendInfo, BackendName } from '../protocol/messages.js';

/** The npm package behind each rung, and the name it registers with tfjs-core. */
export const rungs: Readonly<Record<BackendName, { readonly pkg: string; readonly tfName: string }>> = {
  'tensorflow-gpu': { pkg: '@tensorflow/tfjs-node-gpu', tfName: 'tensorflow' },
  tensorflow: { pkg: '@tensorflow/tfjs-node', tfName: 'tensorflow' },
  wasm: { pkg: '@tensorflow/tfjs-backend-wasm', tfName: 'wasm' },
  cpu: { pkg: '@tensorflow/tfjs-backend-cpu', tfName: 'cpu' },
};

export const ladder: readonly BackendName[] = ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'];

/** Why a rung could not be used, in words. */
function whyNot(name: BackendName, error: unknown): string {
  const { pkg } = rungs[name];
  const text = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  const missing = (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && text.includes(pkg);
  if (missing && (name === 'tensorflow' || name === 'tensorflow-gpu')) {
    return `${pkg.slice('@tensorflow/'.length)} is not installed (its install downloads libtensorflow, which failed or was skipped)`;
  }
  if (missing) return `${pkg} is not installed`;
  const firstLine = text.split('\n')[0] ?? text;
  return `${pkg} failed to load (${firstLine})`;
}

/** Loads one rung and makes it the active backend; throws with the reason on failure. */
async function activate(name: BackendName): Promise<void> {
  const { pkg, tfName } = rungs[name];
  // A variable specifier: the native packages are optional and may be absent at compile time.
  const specifier: string = pkg;
  await import(specifier);
  const ok = await tf.setBackend(tfName);
  if (!ok) throw new Error(`${pkg} loaded but its backend '${tfName}' did not initialise`);
  await tf.ready();
}

/**
 * Picks and activates a backend. With `requested` only that rung is tried, and failure
 * throws an Error whose message says why; otherwise the ladder is walked from the top.
 */
export async function selectBackend(requested?: BackendName): Promise<BackendInfo> {
  if (requested) {
    try {
      await activate(requested);
    } catch (error) {
      throw new Error(
        `The backend '${requested}' was asked for but is unavailable: ${whyNot(requested, error)}.`,
      );
    }
    return { name: requested, reason: `${requested} was asked for (--backend ${requested})` };
  }
  const skipped: string[] = [];
  for (const name of ladder) {
    try {
      await activate(name);
      return { name, reason: describe(name, skipped) };
    } catch (error) {
      skipped.push(whyNot(name, error));
    }
  }
  throw new Error(`No TensorFlow.js backend could be loaded: ${skipped.join('; ')}.`);
}

/** The reason shown to the user: what was skipped on the way down, then the rung in use. */
function describe(name: BackendName, skipped: readonly string[]): string {
  if (name === 'tensorflow-gpu') return 'tfjs-node-gpu loaded (CUDA); using tensorflow-gpu';
  // A missing GPU package is the normal case; mention it only when tfjs-node is missing too
  // (then one sentence covers both) or when it was installed but failed to load.
  const gpuMissing = skipped[0]?.startsWith('tfjs-node-gpu is not installed') ?? false;
  const notes = gpuMissing ? skipped.slice(1) : skipped;
  const what = name === 'tensorflow' ? 'tensorflow (native CPU)' : name;
  if (name === 'tensorflow' && notes.length === 0) return `tfjs-node is installed; using ${what}`;
  return `${notes.join('; ')}; using ${what}`;
}
