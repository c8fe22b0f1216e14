/**
 * Why a run trains on its rung (BackendInfo.why), as codes with parameters (protocol/texts.ts):
 * the rung asked for, or the one the ladder reached and what it skipped on the way. What a
 * package's failure says (its error, its name) stays as the package wrote it: a parameter.
 * trainer/backend.ts and trainer/backend-probe.ts say these; the window words them.
 */
import { speaker, type Said, type TextTable } from './texts.js';

export const backendTexts = {
  backendAsked: '{name} was asked for (--backend {name})',
  backendOrt:
    'onnxruntime-node {version} runs the compiled training step and views on the CPU, {threads}{asked}',
  backendThread: '{count} thread',
  backendThreads: '{count} threads',
  backendOrtAsked: ' (asked for with --backend onnxruntime)',
  backendOrtInstalled: 'onnxruntime-node is installed: the training step and views run on ONNX Runtime',
  backendGpuLoaded: 'tfjs-node-gpu loaded (CUDA); using tensorflow-gpu',
  backendGpuInstalled: 'tfjs-node-gpu is installed; using tensorflow-gpu if CUDA loads',
  backendNodeInstalled: 'tfjs-node is installed; using tensorflow (native CPU)',
  backendNativeCpu: 'tensorflow (native CPU)',
  /** `notes`: what was skipped, as the packages said it. */
  backendUsing: '{notes}; using {what}',
  backendNoTfjsNode:
    'tfjs-node is not installed (its install downloads libtensorflow, which failed or was skipped); using {what}',
  backendNoTfjsNodeNoWasm:
    'tfjs-node is not installed (its install downloads libtensorflow, which failed or was skipped) and tfjs-backend-wasm is missing; using cpu',
  /** `why`: why the GPU rung was not taken, as trainer/engine/gpu.ts says it. */
  backendNotOnGpu: '{cpu} (not on the GPU: {why})',
  /** `skipped`: why a higher rung (ONNX Runtime) was left, as its package said it. */
  backendAfterSkip: '{skipped}; {reason}',
  // The GPU rung (trainer/engine/gpu.ts, trainer/backend.ts)
  gpuOff: 'the GPU rung is off ({env}={value})',
  gpuNoProvider: 'onnxruntime-node bundles no GPU execution provider for {platform}',
  gpuNoDevice: 'no GPU device (no /dev/dri render node, /dev/nvidia0 or /dev/dxg)',
  /** `failures`: each provider's own error, as ONNX Runtime said it. */
  gpuNoAdapter: 'no GPU adapter{hidden}: {failures}',
  gpuSoftwareHidden: ' (software adapters are not used)',
  gpuOn:
    '{version} runs the compiled training step and views on the GPU through {ep}{asked}; {check}{mixed}{software}',
  gpuAsked: ' (asked for with --backend onnxruntime-gpu)',
  gpuChecking: "its first steps are checked against the CPU's (to {tolerance} relative)",
  gpuMatched:
    "its first steps matched the CPU's (largest difference {worst} relative, tolerance {tolerance})",
  /** `programs`: each program that runs on the CPU and why, as ONNX Runtime said it. */
  gpuMixed: '; on the CPU instead: {programs}',
  gpuSoftware: '; software adapters allowed ({env}=software)',
  /** `differs`: which output differed, by how much, at which run. */
  gpuWentBack: '{cpu}: on {ep}, {differs}, so it went back to the CPU',
} as const satisfies TextTable;

export const sayBackend = speaker(backendTexts);

/** "4 threads". */
export const threadsWord = (count: number): Said =>
  sayBackend(count === 1 ? 'backendThread' : 'backendThreads', { count });
