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
