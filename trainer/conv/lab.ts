/** The convolutional sparse-coding lab in the trainer: make (or read) the images while the backend starts, then run. */
import type { ConvLabConfig } from '../../protocol/conv/config.js';
import type { FieldError } from '../../protocol/fields.js';
import type { TrainerLab } from '../lab.js';
import { loadConvImages, type ConvImages } from './data.js';
import { createConvExperiment } from './experiment.js';

export const convTrainerLab: TrainerLab<ConvLabConfig, ConvImages | FieldError> = {
  load: (config) => loadConvImages(config),
  create(ctx, images) {
    if ('field' in images) return images;
    return createConvExperiment({ ...ctx, images });
  },
};
