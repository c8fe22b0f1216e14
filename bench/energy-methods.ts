/**
 * Energy-lab speed (issue 5, "Speed"; issue 11, "a fast engine"), on every rung (ONNX Runtime
 * at one thread and at every core, then each TensorFlow.js rung running the same graphs):
 *   - training steps per second of each method with the lab's defaults on two moons
 *     (batch 128; CD/PCD: k = 20 Langevin steps, PCD buffer 512; latent EBM: 60 ISTA steps),
 *     the host's draws (batch, Langevin noise, restarts) included, median over repeats of
 *     blocks of steps after a warm-up;
 *   - milliseconds to evaluate the 128 × 128 energy grid of each method (16,384 points);
 *   - CD-20's steps/s against PyTorch (bench/pytorch_cd.py: the same network, chain, loss and
 *     Adam, ∇_y by torch.autograd.grad) run in the same invocation at the same thread count.
 */
import { defaultGridSize, energyGrid, sampleBatch } from '../models/energy/index.js';
import { createRng } from '../models/rng.js';
import { defaultEnergyConfig, energyLiveParams, energyMethods } from '../protocol/energy/config.js';
import { liveValues } from '../protocol/live-params.js';
import { createLandscapeModel } from '../trainer/energy/landscape-model.js';
import { makeLandscapeData } from '../trainer/energy/landscape-views.js';
import { compareWithPytorch, measureRate, rungs, type MeasuredRate, type Rung } from './engines.js';
import { summary, type Benchmark } from './harness.js';
import { referenceScript } from './python.js';

const BENCH = 'energy-methods';

async function measure(rung: Rung, method: (typeof energyMethods)[number]) {
  const config = { ...defaultEnergyConfig, method };
  const data = makeLandscapeData(config);
  const model = createLandscapeModel(config, data.bounds, rung.engine);
  const live = liveValues(energyLiveParams, config);
  const rng = createRng(1);
  const slow = rung.backend === 'cpu';
  const step = () => model.step(sampleBatch(data.points, config.batchSize, rng), live);
  const rates = await measureRate(step, slow ? 3 : 20, 1, slow ? 2 : 5); // steps/s
  await energyGrid(model, data.bounds); // warm-up
  const grids: number[] = [];
  for (let r = 0; r < (slow ? 1 : 5); r++) {
    const start = performance.now();
    await energyGrid(model, data.bounds);
    grids.push(performance.now() - start);
  }
  model.dispose();
  return { rates, grid: summary(grids) };
}

export const energyMethodsBench: Benchmark = {
  name: BENCH,
  description:
    'energy lab: training steps/s per method (DAE, CD-20, PCD-20, latent EBM) and 128×128 grid time per rung; CD-20 against PyTorch',
  optIn: false,
  async run(ctx) {
    const cdRates: MeasuredRate[] = [];
    for await (const rung of rungs(ctx)) {
      for (const method of energyMethods) {
        ctx.log(`${BENCH}: ${rung.backend}, ${rung.threads} thread(s), ${method}…`);
        const { rates, grid } = await measure(rung, method);
        const common = {
          bench: BENCH,
          backend: rung.backend,
          threads: rung.threads,
          method,
          batch: defaultEnergyConfig.batchSize,
        };
        ctx.emit({ ...common, metric: 'steps_per_second', value: rates.median, unit: 'steps/s', ...rates });
        ctx.emit({
          ...common,
          metric: 'grid_ms',
          value: grid.median,
          unit: 'ms',
          ...grid,
          points: defaultGridSize * defaultGridSize,
        });
        if (method === 'cd')
          cdRates.push({ backend: rung.backend, threads: rung.threads, median: rates.median });
      }
    }
    const { batchSize, k, stepSize, noiseScale, alpha, learningRate } = defaultEnergyConfig;
    compareWithPytorch(
      ctx,
      BENCH,
      cdRates,
      referenceScript('pytorch_cd.py'),
      [
        ...['--batch', batchSize, '--k', k, '--step-size', stepSize, '--noise-scale', noiseScale],
        ...['--alpha', alpha, '--lr', learningRate],
      ].map(String),
    );
  },
};
