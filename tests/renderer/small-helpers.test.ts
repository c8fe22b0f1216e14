import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../renderer/lib/backoff.js';
import { metricsToCsv } from '../../renderer/lib/csv.js';
import {
  gridLayout,
  paintGreyGrid,
  paintProbabilities,
  probabilitiesToBytes,
} from '../../renderer/lib/images.js';
import { digitColors, hexToRgb } from '../../renderer/lib/palette.js';
import { describeProgress, formatDuration } from '../../renderer/lib/progress.js';
import { MetricSeries } from '../../renderer/lib/series.js';

describe('metrics as CSV', () => {
  it('writes a header and one row per train step and per test evaluation', () => {
    const train = new MetricSeries();
    train.append({
      steps: Float64Array.of(1, 2),
      epochs: Float64Array.of(0.5, 1),
      columns: { recon: Float32Array.of(200, 150), kl: Float32Array.of(3, 4) },
    });
    const test = new MetricSeries();
    test.append({
      steps: Float64Array.of(2),
      epochs: Float64Array.of(1),
      columns: { recon: Float32Array.of(160), kl: Float32Array.of(4.5) },
    });
    expect(metricsToCsv(train, test).split('\n')).toEqual([
      'split,step,epoch,recon,kl',
      'train,1,0.5,200,3',
      'train,2,1,150,4',
      'test,2,1,160,4.5',
      '',
    ]);
  });

  it('leaves missing values empty', () => {
    const train = new MetricSeries();
    train.append({
      steps: Float64Array.of(1),
      epochs: Float64Array.of(1),
      columns: { recon: Float32Array.of(Number.NaN) },
    });
    expect(metricsToCsv(train, new MetricSeries())).toBe('split,step,epoch,recon\ntrain,1,1,\n');
  });
});

describe('digit images', () => {
  it('lays out a grid with gaps', () => {
    expect(gridLayout(10, 5, 28, 28, 1)).toEqual({ columns: 5, rows: 2, width: 144, height: 57 });
    expect(gridLayout(3, 8, 28, 28, 1).columns).toBe(3);
  });

  it('blends paper to ink by intensity and paints the gaps', () => {
    const layout = gridLayout(2, 2, 1, 1, 1); // 3×1 canvas: image, gap, image
    const rgba = new Uint8ClampedArray(3 * 4);
    paintGreyGrid(Uint8Array.of(0, 255), 2, 1, 1, layout, 1, [0, 0, 0], [255, 255, 255], [9, 9, 9], rgba);
    expect([...rgba]).toEqual([255, 255, 255, 255, 9, 9, 9, 255, 0, 0, 0, 255]);
  });

  it('turns probabilities into pixels, clamped to 0..1', () => {
    const rgba = new Uint8ClampedArray(8);
    paintProbabilities(Float32Array.of(-0.5, 2), [255, 255, 255], [0, 0, 0], rgba);
    expect([...rgba]).toEqual([0, 0, 0, 255, 255, 255, 255, 255]);
    expect([...probabilitiesToBytes(Float32Array.of(0, 0.5, 1), new Uint8Array(3))]).toEqual([0, 128, 255]);
  });
});

describe('palette', () => {
  it('has ten distinct digit colours', () => {
    expect(new Set(digitColors).size).toBe(10);
    expect(hexToRgb('#4e79a7')).toEqual([78, 121, 167]);
  });
});

describe('progress', () => {
  const status = {
    step: 50,
    totalSteps: 200,
    epoch: 1.2,
    stepsPerEpoch: 40,
    samplesPerSecond: 1000,
    state: 'running' as const,
  };

  it('says the epoch, the step, the speed and the time left', () => {
    const p = describeProgress(status, 100, 5);
    expect(p.fraction).toBe(0.25);
    expect(p.epochLabel).toBe('epoch 2 / 5');
    expect(p.stepLabel).toBe('step 50 / 200');
    expect(p.speedLabel).toBe('1.0k samples/s');
    expect(p.etaLabel).toBe('15 s left'); // 150 steps × 100 samples ÷ 1000 samples/s
  });

  it('gives no estimate while paused and says finished at the end', () => {
    expect(describeProgress({ ...status, state: 'paused' }, 100, 5).etaLabel).toBe('');
    expect(describeProgress({ ...status, step: 200 }, 100, 5).etaLabel).toBe('finished');
  });

  it('formats durations', () => {
    expect(formatDuration(42)).toBe('42 s');
    expect(formatDuration(185)).toBe('3 min 05 s');
    expect(formatDuration(3720)).toBe('1 h 02 min');
  });
});

describe('reconnection backoff', () => {
  it('doubles up to the cap, with jitter between half and all of it', () => {
    const b = { baseMs: 100, maxMs: 1000 };
    expect(backoffDelay(0, b, () => 1)).toBe(100);
    expect(backoffDelay(3, b, () => 1)).toBe(800);
    expect(backoffDelay(10, b, () => 1)).toBe(1000);
    expect(backoffDelay(10, b, () => 0)).toBe(500);
  });
});
