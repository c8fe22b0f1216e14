/**
 * The MNIST denoising autoencoder's training rate (the lab's defaults: 784 → 256 → 784,
 * swish, Gaussian noise σ 0.5, batch 128, Adam), samples/s per rung and thread count, the
 * host-side corruption included; PyTorch (bench/pytorch_dae.py, same model, corruption by
 * torch.randn) side by side at the same thread counts, with ratios.
 */
import { createImageDenoiser } from '../models/dae/denoiser.js';
import { defaultDenoiserConfig } from '../protocol/dae/config.js';
import { embeddedDigits, PIXELS } from './data.js';
import { compareWithPytorch, measuredRate, measureRate, rungs, samplesPerSecond } from './engines.js';
import type { MeasuredRate } from './engines.js';
import type { Benchmark } from './harness.js';
import { referenceScript } from './python.js';

const BENCH = 'dae';

export const daeBench: Benchmark = {
  name: BENCH,
  description: 'MNIST denoising AE training samples/s per rung and thread count; PyTorch side by side',
  optIn: false,
  async run(ctx) {
    const { hiddenDim, batchSize, learningRate, noise, strength } = defaultDenoiserConfig;
    const digits = await embeddedDigits();
    const batches = Array.from({ length: 16 }, (_, i) =>
      digits.pixels.slice(i * batchSize * PIXELS, (i + 1) * batchSize * PIXELS),
    );
    const rates: MeasuredRate[] = [];
    for await (const rung of rungs(ctx)) {
      ctx.log(`${BENCH}: ${rung.backend}, ${rung.threads} thread(s)…`);
      const model = createImageDenoiser(PIXELS, hiddenDim, 1, rung.engine);
      const config = { learningRate, noise, strength };
      const slow = rung.backend === 'cpu';
      const step = (i: number) => model.step(batches[i % batches.length] as Float32Array, config, i);
      const m = await measureRate(step, slow ? 2 : 40, batchSize, slow ? 2 : 7);
      model.dispose();
      rates.push(measuredRate(rung, m));
      ctx.emit(samplesPerSecond(BENCH, rung, m, { batch: batchSize, hidden: hiddenDim }));
    }
    compareWithPytorch(ctx, BENCH, rates, referenceScript('pytorch_dae.py'), [
      '--hidden',
      String(hiddenDim),
      '--batch',
      String(batchSize),
    ]);
  },
};
