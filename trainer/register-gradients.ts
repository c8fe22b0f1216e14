/**
 * TensorFlow.js's gradients for models trained through the autodiff tape (tf.variableGrads:
 * LISTA, the contrastive embeddings). The CommonJS bundle that Node loads for
 * `@tensorflow/tfjs-core` registers none, and the ES build's register_all_gradients.js has
 * extensionless relative imports, so it is loaded through a small resolution hook
 * (tfjs-esm-hooks.mjs, beside this file). Registries are process-global, so registering
 * from the ES copy serves the CommonJS one. Idempotent.
 */
import { register } from 'node:module';

let registered: Promise<void> | null = null;

export function registerGradients(): Promise<void> {
  registered ??= (async () => {
    register('./tfjs-esm-hooks.mjs', import.meta.url);
    await import('@tensorflow/tfjs-core/dist/register_all_gradients.js');
  })();
  return registered;
}
