/**
 * Convolutional sparse coding speed (issue 4, "Speed"): training steps per second for 16
 * kernels of 9×9 on a batch of 8 grey 32×32 inputs (locally contrast-normalised crops of
 * dead-leaves images), on every backend available, for both variants of models/conv:
 *   - 'autoencoder': encoder conv + shrink + gain, decoder conv, backward, Adam, unit kernels;
 *   - 'psd': the same plus 20 FISTA iterations for Z* on the convolutional energy.
 * Steps/s is the median over repeats of a few steps each, after a warm-up step.
 */
import * as tf from '@tensorflow/tfjs-core';
import './register-gradients.js';
import type { BackendName } from '../protocol/messages.js';
import {
  createConvSparseCoder,
  defaultConvSparseConfig,
  imageBatch,
  localContrastNormalise,
  randomCrops,
  type ConvSparseConfig,
  type ConvVariant,
} from '../models/conv/index.js';
import { generateDeadLeaves } from '../models/images/dead-leaves.js';
import { createRng } from '../models/rng.js';
import { summary, tfjsBackends, useBackend, type Benchmark } from './harness.js';

const BENCH = 'conv-sparse';
const KERNELS = 16;
const KERNEL_SIZE = 9;
const BATCH = 8;
const SIZE = 32;
const variants: readonly ConvVariant[] = ['autoencoder', 'psd'];

function batches(count: number): tf.Tensor4D[] {
  const rng = createRng(1);
  const images = generateDeadLeaves({ size: 128, count: 4, maxRadius: 24 }, rng).map((image) =>
    localContrastNormalise(image),
  );
  return Array.from({ length: count }, () => imageBatch(randomCrops(images, SIZE, BATCH, rng)));
}

/** Repeats and steps per repeat: the cpu rung and PSD get fewer. */
function plan(backend: BackendName, variant: ConvVariant): { repeats: number; steps: number } {
  const slow = backend === 'cpu';
  if (variant === 'psd') return slow ? { repeats: 3, steps: 1 } : { repeats: 5, steps: 5 };
  return slow ? { repeats: 3, steps: 3 } : { repeats: 7, steps: 20 };
}

function stepsPerSecond(
  backend: BackendName,
  variant: ConvVariant,
  data: readonly tf.Tensor4D[],
): { perSecond: number[]; recon: number } {
  const config: ConvSparseConfig = {
    ...defaultConvSparseConfig,
    kernels: KERNELS,
    kernelSize: KERNEL_SIZE,
    variant,
  };
  const coder = createConvSparseCoder(config, 1);
  coder.trainStep(data[0] as tf.Tensor4D); // warm-up: kernels compiled, Adam's moments made
  const { repeats, steps } = plan(backend, variant);
  const perSecond: number[] = [];
  let recon = NaN;
  let i = 1;
  for (let r = 0; r < repeats; r++) {
    const start = performance.now();
    for (let s = 0; s < steps; s++) recon = coder.trainStep(data[i++ % data.length] as tf.Tensor4D).recon;
    perSecond.push(steps / ((performance.now() - start) / 1000)); // trainStep reads its losses back: synced
  }
  coder.dispose();
  return { perSecond, recon };
}

export const convSparse: Benchmark = {
  name: BENCH,
  description:
    'convolutional sparse coding training steps/s, 16 kernels of 9×9, batch 8 of 32×32, per backend',
  optIn: false,
  async run(ctx) {
    for (const backend of tfjsBackends(ctx)) {
      if (!(await useBackend(backend, ctx))) continue;
      const data = batches(8);
      for (const variant of variants) {
        ctx.log(`${BENCH}: ${backend} ${variant}…`);
        const { perSecond, recon } = stepsPerSecond(backend, variant, data);
        const s = summary(perSecond);
        ctx.emit({
          bench: BENCH,
          backend,
          metric: variant === 'psd' ? 'psd_steps_per_second' : 'steps_per_second',
          value: s.median,
          unit: 'steps/s',
          ...s,
          variant,
          kernels: KERNELS,
          kernelSize: KERNEL_SIZE,
          batch: BATCH,
          imageSize: SIZE,
          stepsPerRepeat: plan(backend, variant).steps,
          inferenceSteps: variant === 'psd' ? defaultConvSparseConfig.inferenceSteps : 0,
          lastRecon: recon,
        });
      }
      tf.dispose(data);
    }
  },
};
