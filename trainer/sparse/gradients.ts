/**
 * LISTA trains through TensorFlow.js's autodiff tape (tf.variableGrads), so tfjs-core's
 * gradients must be registered in the trainer process (the bare tfjs-core package registers
 * none). The energy lab's trainer/register-gradients.ts loads them through a resolution hook
 * that works under tsx and in the compiled build; it is looked up at run time (so this lab does
 * not depend on it at compile time), with the plain ES import as the fallback.
 */
let registered: Promise<unknown> | null = null;

export function registerTapeGradients(): Promise<unknown> {
  const hooked: string = '../register-gradients.js';
  registered ??= import(hooked).then(
    (module: { registerGradients(): Promise<void> }) => module.registerGradients(),
    () => import('@tensorflow/tfjs-core/dist/register_all_gradients.js'),
  );
  return registered;
}
