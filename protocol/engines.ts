/**
 * Which labs run their training step as a compiled graph (models/graph/), and so can use
 * the ONNX Runtime rung. The others train on the TensorFlow.js rungs until their step is
 * written as a graph; the backend's reason says so.
 */
import type { LabName } from './labs.js';

export const compiledLabs: ReadonlySet<LabName> = new Set<LabName>(['vae', 'dae', 'conv', 'contrastive']);

/** The sentence shown when a lab has no compiled step yet. */
export const notCompiledReason = (lab: LabName): string =>
  `the ${lab} lab's training step is not compiled for ONNX Runtime yet`;

/**
 * Threads a lab keeps busy beside its engine: the contrastive lab's augmentation worker makes
 * the next batch's views while ONNX Runtime trains on this one, so by default ONNX Runtime
 * gets the other cores (at least one); --threads still wins.
 */
export const helperThreads: Readonly<Partial<Record<LabName, number>>> = { contrastive: 1 };

/** ONNX Runtime's default intra-op threads for `lab` on a machine of `cores` cores. */
export const defaultEngineThreads = (lab: LabName, cores: number): number =>
  Math.max(1, cores - (helperThreads[lab] ?? 0));
