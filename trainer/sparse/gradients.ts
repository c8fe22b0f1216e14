/**
 * LISTA trains through TensorFlow.js's autodiff tape (tf.variableGrads), so tfjs-core's
 * gradients must be registered in the trainer process (the bare tfjs-core package registers
 * none). Under tsx (the CLI, browser mode, tests) the ES module imports as is; the energy
 * lab's trainer/register-gradients.ts adds a resolution hook for the compiled desktop build.
 */
let registered: Promise<unknown> | null = null;

export function registerTapeGradients(): Promise<unknown> {
  registered ??= import('@tensorflow/tfjs-core/dist/register_all_gradients.js');
  return registered;
}
