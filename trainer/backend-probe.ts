/**
 * The rung of the backend ladder (backend.ts) a new trainer would most likely pick, found
 * without loading TensorFlow — the host's hello must be instant and the host process never
 * loads TensorFlow. It only resolves the packages and looks for tfjs-node's native binding.
 */
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { BackendInfo, BackendName } from '../protocol/messages.js';
import { sayBackend } from '../protocol/backend-reasons.js';
import type { Said } from '../protocol/texts.js';

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
  if (requested) return rung(requested, sayBackend('backendAsked', { name: requested }));
  if (isResolvable(packages.ort)) return rung('onnxruntime', sayBackend('backendOrtInstalled'));
  return probeTfjs();
}

/** The TensorFlow.js rung a trainer would fall back to. */
export function probeTfjs(): BackendInfo & { name: Exclude<BackendName, 'onnxruntime'> } {
  if (hasNativeBinding(packages.gpu)) return rung('tensorflow-gpu', sayBackend('backendGpuInstalled'));
  if (hasNativeBinding(packages.node)) return rung('tensorflow', sayBackend('backendNodeInstalled'));
  if (isResolvable(packages.wasm)) return rung('wasm', sayBackend('backendNoTfjsNode', { what: 'wasm' }));
  return rung('cpu', sayBackend('backendNoTfjsNodeNoWasm'));
}

/** A rung and why, the English reason and its code together. */
function rung<N extends BackendName>(name: N, why: Said): BackendInfo & { name: N } {
  return { name, reason: why.message, why };
}
