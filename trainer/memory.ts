/**
 * What a trainer process holds, for its status events (issue 13: anyone can watch a long run
 * for leaks): the process's resident set (ONNX Runtime's native buffers included) and the
 * number of live TensorFlow.js tensors (0 on a compiled lab that never made one). The count is
 * read from the engine's bookkeeping, which does not start a backend.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { TrainerMemory } from '../protocol/messages.js';

export function trainerMemory(): TrainerMemory {
  return { rssBytes: process.memoryUsage.rss(), tensors: tf.engine().state.numTensors };
}
