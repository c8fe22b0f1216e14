/**
 * How a lab's training divides the cores between ONNX Runtime, which runs every lab's compiled
 * step (models/graph/), and the threads a lab keeps busy beside it.
 */
import type { LabName } from './labs.js';

/**
 * Augmentation workers of the contrastive lab on a machine of `cores` cores: about half the
 * cores (1 to 4). A worker makes ≈ 6k views/s here, about what one ONNX Runtime thread trains
 * on (the default step: 256 views in ≈ 40 ms on either side).
 */
export const augmentWorkers = (cores: number): number => Math.max(1, Math.min(4, Math.floor(cores / 2)));

/**
 * Threads a lab keeps busy beside its engine on a machine of `cores` cores: the contrastive
 * lab's augmentation workers make the next batches' views while ONNX Runtime trains on this
 * one, so by default ONNX Runtime gets the other cores (at least one); --threads still wins.
 */
export const helperThreads = (lab: LabName, cores: number): number =>
  lab === 'contrastive' ? augmentWorkers(cores) : 0;

/** ONNX Runtime's default intra-op threads for `lab` on a machine of `cores` cores. */
export const defaultEngineThreads = (lab: LabName, cores: number): number =>
  Math.max(1, cores - helperThreads(lab, cores));

/**
 * The environment variable that turns ONNX Runtime's GPU rung off ('off', '0', 'no', 'false')
 * or also admits software adapters ('software', for tests and CI); trainers inherit it from the
 * CLI and the app, whose --no-gpu sets it to 'off' (trainer/engine/gpu.ts).
 */
export const GPU_ENV = 'EBM_LAB_GPU';
