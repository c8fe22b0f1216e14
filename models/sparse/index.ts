/**
 * The sparse-coding lab's maths (issue 3): graphs (sparse-graph.ts) that a GraphEngine runs,
 * and plain TypeScript; no Node, DOM or Electron.
 */
export {
  fistaMomentum,
  learnProgram,
  listaEncodeProgram,
  listaErrorsProgram,
  listaTrainProgram,
  powerProgram,
  shrink,
  solveProgram,
  type ShrinkageMethod,
  type SolveTraces,
} from './sparse-graph.js';
export {
  checkLambda,
  createSparseCoder,
  randomUnitVector,
  type CodeStats,
  type LearnStepStats,
  type PowerIterationOptions,
  type SolveOptions,
  type SolveResult,
  type SparseCoder,
  type SparseCoderOptions,
} from './sparse-coder.js';
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
export { createLista, defaultListaConfig, listaStart, type Lista, type ListaConfig } from './lista.js';
export {
  equivalenceSentence,
  equivalentIterations,
  predictionErrorCurves,
  type PredictionErrorCurves,
} from './prediction-curves.js';
