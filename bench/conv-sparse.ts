/**
 * Convolutional sparse coding speed (issue 4 "Speed", issue 11): training steps per second,
 * per rung and thread count, for
 *   - 'autoencoder': 16 kernels of 9×9, batch 8 of 32×32 (encoder conv + shrink + gain, decoder,
 *     backward, Adam, unit kernels), with PyTorch (bench/pytorch_conv.py) side by side;
 *   - 'psd': the same plus 20 FISTA iterations for Z* on the convolutional energy;
 *   - 'sweep64': the default sweep's last model, 64 kernels, tanh, normalised gradient descent,
 *     batch 32 of 32×32, with PyTorch side by side.
 * Inputs are locally contrast-normalised crops of dead-leaves images.
 */
import {
  createConvSparseCoder,
  defaultConvSparseConfig,
  imageBatch,
  localContrastNormalise,
  randomCrops,
  type ConvSparseConfig,
  type KernelCount,
} from '../models/conv/index.js';
import { generateDeadLeaves } from '../models/images/dead-leaves.js';
import { createRng } from '../models/rng.js';
import { compareWithPytorch, measuredRate, measureRate, rungs, type MeasuredRate } from './engines.js';
import type { Benchmark } from './harness.js';
import { referenceScript } from './python.js';

const BENCH = 'conv-sparse';
const SIZE = 32;

interface Case {
  readonly name: 'autoencoder' | 'psd' | 'sweep64';
  readonly config: ConvSparseConfig;
  readonly batch: number;
  /** Flags of bench/pytorch_conv.py for the same model; none: no reference. */
  readonly pytorch?: readonly string[];
}

const cases: readonly Case[] = [
  {
    name: 'autoencoder',
    config: { ...defaultConvSparseConfig, kernels: 16, kernelSize: 9 },
    batch: 8,
    pytorch: ['--kernels', '16', '--batch', '8', '--nonlinearity', 'shrink', '--optimizer', 'adam'],
  },
  {
    name: 'psd',
    config: { ...defaultConvSparseConfig, kernels: 16, kernelSize: 9, variant: 'psd' },
    batch: 8,
  },
  {
    name: 'sweep64',
    config: {
      ...defaultConvSparseConfig,
      kernels: 64 as KernelCount,
      kernelSize: 9,
      nonlinearity: 'tanh',
      optimizer: 'sgd',
      lambda: 1,
      learningRate: 0.005,
    },
    batch: 32,
    pytorch: ['--kernels', '64', '--batch', '32', '--nonlinearity', 'tanh', '--optimizer', 'sgd'],
  },
];

function batches(count: number, batch: number): Float32Array[] {
  const rng = createRng(1);
  const images = generateDeadLeaves({ size: 128, count: 4, maxRadius: 24 }, rng).map((image) =>
    localContrastNormalise(image),
  );
  return Array.from({ length: count }, () => imageBatch(randomCrops(images, SIZE, batch, rng)));
}

export const convSparse: Benchmark = {
  name: BENCH,
  description:
    'convolutional sparse coding training steps/s (16 kernels b 8; PSD; the sweep’s n = 64 b 32) per rung',
  optIn: false,
  async run(ctx) {
    const rates = new Map<Case['name'], MeasuredRate[]>(cases.map((c) => [c.name, []]));
    for await (const rung of rungs(ctx)) {
      for (const c of cases) {
        const slow = rung.backend === 'cpu';
        if (slow && c.name !== 'autoencoder') continue;
        ctx.log(`${BENCH}: ${rung.backend}, ${rung.threads} thread(s), ${c.name}…`);
        const data = batches(8, c.batch);
        const coder = createConvSparseCoder(c.config, 1, {}, rung.engine);
        let recon = Number.NaN;
        const step = async (i: number) =>
          (recon = (await coder.trainStep(data[i % data.length] as Float32Array, SIZE)).recon);
        const fast = rung.backend.startsWith('onnxruntime');
        const steps = slow ? 2 : c.name === 'sweep64' ? (fast ? 10 : 2) : c.name === 'psd' ? 5 : 20;
        const m = await measureRate(step, steps, 1, slow ? 3 : 5);
        coder.dispose();
        rates.get(c.name)?.push(measuredRate(rung, m));
        ctx.emit({
          bench: BENCH,
          backend: rung.backend,
          threads: rung.threads,
          variant: c.name,
          metric: 'steps_per_second',
          value: m.median,
          unit: 'steps/s',
          ...m,
          kernels: c.config.kernels,
          kernelSize: c.config.kernelSize,
          batch: c.batch,
          imageSize: SIZE,
          lastRecon: recon,
        });
      }
    }
    for (const c of cases) {
      if (!c.pytorch) continue;
      compareWithPytorch(
        ctx,
        `${BENCH}/${c.name}`,
        rates.get(c.name) ?? [],
        referenceScript('pytorch_conv.py'),
        c.pytorch,
      );
    }
  },
};
