/**
 * Registers TensorFlow.js's gradients in plain Node (tsx), for the benchmarks that train
 * through the autodiff tape. Vitest needs none of this: it loads the ES build itself.
 */
import { register } from 'node:module';

register('./tfjs-esm-hooks.mjs', import.meta.url);
await import('@tensorflow/tfjs-core/dist/register_all_gradients.js');
