/**
 * "The lecture says / This run shows": the measures read off a run's data (where the lowest
 * cells of a landscape lie, iterations to a share of an energy gap) and the labs' sentences
 * built from them, on hand-made runs.
 */
import { describe, expect, it } from 'vitest';
import type { ArraysEvent } from '../../protocol/messages.js';
import type { LectureClaim } from '../../renderer/components/lab-page.js';
import { contrastiveText } from '../../renderer/labs/contrastive/page.js';
import { energyText } from '../../renderer/labs/energy/page.js';
import { sparseText } from '../../renderer/labs/sparse/page.js';
import { projectionNote, vaeText, vaeTextWith } from '../../renderer/labs/vae/page.js';
import { iterationsTo, landscapeMeasure, lastValue } from '../../renderer/lib/measures.js';
import { MetricSeries } from '../../renderer/lib/series.js';
import type { RunView } from '../../renderer/state/run-view.svelte.js';

/** A 4 × 4 landscape over [0, 4]² (cell centres at 0.5 … 3.5; row 0 at the top, y = 3.5). */
function landscape(lowAt: [row: number, col: number], data: number[]): ArraysEvent {
  const energy = new Float32Array(16).fill(1);
  energy[lowAt[0] * 4 + lowAt[1]] = 0;
  return {
    type: 'arrays',
    runId: 'r',
    view: 'landscape',
    step: 1,
    arrays: { energy, data: Float32Array.from(data) },
    shapes: { energy: [4, 4], data: [data.length / 2, 2] },
    info: { xMin: 0, xMax: 4, yMin: 0, yMax: 4 },
  };
}

/** A stand-in run with these test metrics, arrays and config. */
function runWith(parts: {
  test?: Record<string, number[]>;
  train?: Record<string, number[]>;
  arrays?: Record<string, ArraysEvent>;
  spec?: unknown;
  params?: Record<string, number>;
  scatter?: unknown;
}): RunView {
  const series = (columns: Record<string, number[]> = {}) => {
    const s = new MetricSeries();
    const n = Math.max(0, ...Object.values(columns).map((v) => v.length));
    if (n) {
      s.append({
        steps: Float64Array.from({ length: n }, (_, i) => i + 1),
        epochs: Float64Array.from({ length: n }, (_, i) => i + 1),
        columns: Object.fromEntries(Object.entries(columns).map(([k, v]) => [k, Float32Array.from(v)])),
      });
    }
    return s;
  };
  return {
    test: series(parts.test),
    train: series(parts.train),
    arrays: parts.arrays ?? {},
    spec: parts.spec ?? null,
    scatter: parts.scatter ?? null,
    current: (name: string) => parts.params?.[name] ?? null,
    setting: () => null,
  } as unknown as RunView;
}

const claim = (claims: readonly LectureClaim[] | undefined, source: RegExp): LectureClaim => {
  const found = claims?.find((c) => source.test(c.source));
  if (!found) throw new Error(`no claim from ${source}`);
  return found;
};

describe('the measures', () => {
  it('finds the lowest cell on the data, and off it, with row 0 at the top of the extent', () => {
    // The low cell at row 0, column 3 is the one centred at (3.5, 3.5).
    const on = landscapeMeasure(landscape([0, 3], [3.5, 3.5, 0.5, 0.5]), 0.2)!;
    expect(on.argminDistance).toBeCloseTo(0, 6);
    expect(on.lowestNearData).toBe(1);
    const off = landscapeMeasure(landscape([3, 3], [3.5, 3.5]), 0.2)!; // the low cell is (3.5, 0.5)
    expect(off.argminDistance).toBeCloseTo(3, 6);
    expect(off.lowestNearData).toBe(0);
  });

  it('counts iterations to a share of the first gap, null when never reached; the last finite value', () => {
    expect(iterationsTo(Float32Array.from([1, 0.5, 0.2, 0.009, 0]), 0.01)).toBe(3);
    expect(iterationsTo(Float32Array.from([1, 0.5]), 0.01)).toBeNull();
    const run = runWith({ test: { total: [3, 2, Number.NaN] } });
    expect(lastValue(run.test, 'total')).toBe(2);
    expect(lastValue(run.test, 'missing')).toBeNull();
  });
});

describe("the labs' sentences", () => {
  it('energy: says how far the lowest cell is from the data', () => {
    const shows = claim(energyText.lecture, /08-1/).shows;
    expect(shows(runWith({}))).toBeNull();
    const text = shows(runWith({ arrays: { landscape: landscape([3, 3], [3.5, 3.5]) } }));
    expect(text).toMatch(/^the lowest cell lies 3 from the nearest data point; 0 % of the lowest 5 %/);
  });

  it('sparse: ISTA and FISTA iterations to 1 % of the gap, from the convergence view', () => {
    const convergence = {
      ...landscape([0, 0], [0, 0]),
      view: 'convergence',
      arrays: {
        ista: Float32Array.from([1, 0.5, 0.3, 0.1, 0.05]),
        fista: Float32Array.from([1, 0.2, 0.005, 0, 0]),
      },
    };
    const text = claim(sparseText.lecture, /FISTA/).shows(runWith({ arrays: { convergence } }));
    expect(text).toBe('to 1 % of the first energy gap: ISTA more than 4 iterations, FISTA 2');
  });

  it('sparse: the LISTA row says a dictionary-only run has no LISTA (not "measuring…")', () => {
    const lista = claim(sparseText.lecture, /LISTA/);
    const spec = (task: string) => ({ lab: 'sparse', config: { task, atoms: 256 } });
    expect(lista.shows(runWith({ spec: spec('dictionary') }))).toMatch(
      /^this run learns the dictionary only/,
    );
    expect(lista.shows(runWith({ spec: spec('lista') }))).toBeNull(); // still measuring
  });

  it('contrastive: the probe beside a random encoder and raw pixels', () => {
    const run = runWith({ test: { probe: [0.9], random: [0.7], pixels: [0.85] } });
    expect(claim(contrastiveText.lecture, /self-supervised/).shows(run)).toBe(
      'linear probe 90 % on the learned features vs 70 % on a random encoder and 85 % on raw pixels',
    );
  });

  it('VAE: the KL at the live β, and the test loss beside the PyTorch notebook on the same digits', () => {
    const spec = { lab: 'vae', config: { variant: 'vae', latentDim: 20, hiddenDim: 400, batchSize: 256 } };
    const run = runWith({ test: { kl: [19.5], total: [123.1] }, spec, params: { beta: 4 } });
    expect(claim(vaeText.lecture, /08-3/).shows(run)).toBe(
      'KL(q(z|x) ‖ N(0, I)) = 19.5 nats per digit at β = 4',
    );
    expect(claim(vaeText.lecture, /11-VAE/).shows(run)).toMatch(
      /^test loss 123 at z = μ after 1 epoch; PyTorch on the same 9,000 embedded digits: test loss 124 after 10 epochs/,
    );
  });

  /** A d = 2 VAE run whose test digits sit at `means` with σ = `sigma` in both dimensions. */
  const vaeRun = (means: number[], sigma: number, beta: number, twin = true) =>
    runWith({
      spec: { lab: 'vae', config: { variant: 'vae', latentDim: 2, beta, betaZeroTwin: twin } },
      params: { beta },
      scatter: {
        latentDim: 2,
        means: Float32Array.from(means),
        sigmas: new Float32Array(means.length).fill(sigma),
      },
    });

  it('VAE: without the KL term (β = 0) the twin beside the run shows its means far out and σ shrunk', () => {
    const run = vaeRun([0.6, 0.8, 0, 1], 0.5, 1); // mean ‖μ‖ 1
    const twin = vaeRun([3, 4, 0, 5], 0.05, 0); // mean ‖μ‖ 5
    const says = claim(vaeTextWith(() => twin).lecture, /penalty term/);
    expect(says.shows(run)).toBe(
      'β = 1: mean ‖μ‖ 1, mean σ 0.5; β = 0: mean ‖μ‖ 5, mean σ 0.05 (means 5× as far out, σ 10× smaller)',
    );
    expect(claim(vaeText.lecture, /penalty term/).shows(run)).toBe(
      'β = 1: mean ‖μ‖ 1, mean σ 0.5; tick “β = 0 beside it” to train the same VAE without the KL term',
    );
    expect(says.shows(runWith({}))).toBeNull(); // no latent view yet
  });

  it('VAE: says how the latent plane is drawn, against the notebook’s t-SNE', () => {
    expect(projectionNote(2)).toMatch(/^d = 2: the plane is μ itself, no projection/);
    expect(projectionNote(1)).toMatch(/no projection/);
    expect(projectionNote(20)).toMatch(/^PCA of the 20-D means .* the notebook \(11-VAE\) uses t-SNE/);
  });
});
