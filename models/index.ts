/** The VAE lab's maths: pure TensorFlow.js and TypeScript, no Node, DOM or Electron. */
export type * from './vae-api.js';
export { createVae, createVaeFromWeights } from './vae.js';
export { createTapeVae, type TapeLayers, type TapeVae } from './vae-tape.js';
export { createAdam, pytorchAdam, type Adam, type AdamConfig } from './adam.js';
export {
  bceSum,
  bceSumFromLogits,
  bceSumFromLogitsReference,
  klDivergence,
  reparameterize,
} from './losses.js';
export { columnSums, linear, linearForward, matMulNT, matMulTN, type LinearActivation } from './linear.js';
export { paramNames, paramShapes, type ParamName } from './vae-params.js';
export { pca2, projectPoints, projectSpread, type Pca2 } from './pca.js';
export { inverseNormalCdf, manifoldGrid, normalCdf } from './manifold.js';
export { createRng, type Rng } from './rng.js';
