/** The sparse-coding lab's maths (issue 3): pure TensorFlow.js and TypeScript, no Node, DOM or Electron. */
export { shrink, shrinkPerAtom } from './shrinkage.js';
export {
  lassoEnergy,
  meanEnergyGram,
  reconstruct,
  reconstructionEnergy,
  rowL1,
  transposeDictionary,
  zeroFraction,
} from './lasso.js';
export {
  largestEigenpair,
  lipschitzConstant,
  randomUnitVector,
  type Eigenpair,
  type PowerIterationOptions,
} from './power-iteration.js';
export {
  fistaMomentum,
  solveLasso,
  type ShrinkageMethod,
  type ShrinkageOperator,
  type SolveOptions,
  type SolveResult,
} from './iterative-shrinkage.js';
export { checkLambda, createSparseCoder, type SparseCoder, type SparseCoderOptions } from './sparse-coder.js';
export {
  gaussianDictionary,
  normalizeColumns,
  sampleDictionary,
  type DictionaryInit,
} from './dictionary-init.js';
export {
  checkDictionaryConfig,
  createDictionaryLearner,
  defaultDictionaryConfig,
  type DictionaryConfig,
  type DictionaryLearner,
  type DictionaryStepStats,
} from './dictionary-learning.js';
export { product } from './product.js';
export { createLista, defaultListaConfig, type Lista, type ListaConfig, type ListaParams } from './lista.js';
export {
  equivalenceSentence,
  equivalentIterations,
  predictionErrorCurves,
  type PredictionErrorCurves,
} from './prediction-curves.js';
