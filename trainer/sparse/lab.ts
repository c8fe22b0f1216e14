/** The sparse-coding lab in the trainer: read (or cut) the samples while the backend starts, then run. */
import { fieldError, type FieldError } from '../../protocol/fields.js';
import { sayShared } from '../../protocol/texts.js';
import type { SparseConfig } from '../../protocol/sparse/config.js';
import type { TrainerLab } from '../lab.js';
import { loadSparseSamples, type SparseSamples } from './data.js';
import { createSparseExperiment } from './experiment.js';

export const sparseTrainerLab: TrainerLab<SparseConfig, SparseSamples | FieldError> = {
  load: (config) => loadSparseSamples(config),
  create(ctx, samples) {
    if ('field' in samples) return samples;
    if (samples.count < 2) return fieldError('data', sayShared('tooFewSamples', { count: samples.count }));
    return createSparseExperiment({ ...ctx, samples });
  },
};
