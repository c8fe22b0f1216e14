/**
 * LISTA trains through TensorFlow.js's autodiff tape (tf.variableGrads), so tfjs-core's
 * gradients must be registered in the trainer process (the bare tfjs-core package registers
 * none); trainer/register-gradients.ts does it for every tape-trained lab.
 */
import { registerGradients } from '../register-gradients.js';

export const registerTapeGradients = (): Promise<void> => registerGradients();
