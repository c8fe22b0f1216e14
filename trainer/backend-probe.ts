/**
 * The rung of the backend ladder (backend.ts) a new trainer would most likely pick, found
 * without loading TensorFlow — the host's hello must be instant and the host process never
 * loads TensorFlow. It only resolves the packages and looks for tfjs-node's native binding.
 */
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { BackendInfo, BackendName } from '../protocol/messages.js';

const require = createRequire(import.meta.url);

const packages = {
  gpu: '@tensorflow/tfjs-node-gpu',
  node: '@tensorflow/tfjs-node',
  wasm: '@tensorflow/tfjs-backend-wasm',
  ort: 'onnxruntime-node',
} as const;

/** Where tfjs-node(-gpu) keeps its native binding, if the install got that far. */
function hasNativeBinding(pkg: string): boolean {
  try {
    const root = dirname(require.resolve(`${pkg}/package.json`));
    const lib = join(root, 'lib');
    if (!existsSync(lib)) return false;
    return readdirSync(lib).some((dir) => existsSync(join(lib, dir, 'tfjs_binding.node')));
  } catch {
    return false;
  }
}

function isResolvable(pkg: string): boolean {
  try {
    require.resolve(pkg);
    return true;
  } catch {
    return false;
  }
}

/**
 * The rung a new trainer would most likely pick, without loading TensorFlow or ONNX Runtime
 * (for the host's hello and a new run's folder): ONNX Runtime where onnxruntime-node is
 * installed (every lab's step is compiled), else the TensorFlow.js rung. It cannot know
 * whether CUDA works, so a GPU guess is worded as such.
 */
export function probeBackend(requested?: BackendName): BackendInfo {
  if (requested) return { name: requested, reason: `${requested} was asked for (--backend ${requested})` };
  if (isResolvable(packages.ort))
    return {
      name: 'onnxruntime',
      reason: 'onnxruntime-node is installed: the training step and views run on ONNX Runtime',
    };
  return probeTfjs();
}

/** The TensorFlow.js rung a trainer would fall back to. */
export function probeTfjs(): BackendInfo & { name: Exclude<BackendName, 'onnxruntime'> } {
  if (hasNativeBinding(packages.gpu)) {
    return {
      name: 'tensorflow-gpu',
      reason: 'tfjs-node-gpu is installed; using tensorflow-gpu if CUDA loads',
    };
  }
  if (hasNativeBinding(packages.node)) {
    return { name: 'tensorflow', reason: 'tfjs-node is installed; using tensorflow (native CPU)' };
  }
  const why = 'tfjs-node is not installed (its install downloads libtensorflow, which failed or was skipped)';
  if (isResolvable(packages.wasm)) return { name: 'wasm', reason: `${why}; using wasm` };
  return { name: 'cpu', reason: `${why} and tfjs-backend-wasm is missing; using cpu` };
}
