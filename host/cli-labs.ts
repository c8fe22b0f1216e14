/**
 * What `ebm-lab train <name>` knows of each lab: its help, its flags, how flags become a
 * validated StartSpec, and what to print for a test point. A new lab adds one entry.
 */
import type { StartSpec } from '../protocol/labs.js';
import type { MetricsEvent } from '../protocol/messages.js';
import { trainValueFlags, vaeConfigFromFlags } from './cli-args.js';
import { sparseConfigFromFlags, sparseValueFlags } from './sparse/cli.js';
import { convConfigFromFlags, convHelp, convProgress, convValueFlags } from './conv/cli.js';
import {
  contrastiveConfigFromFlags,
  contrastiveHelp,
  contrastiveProgress,
  contrastiveValueFlags,
} from './contrastive/cli.js';
import {
  denoiserConfigFromFlags,
  denoiserValueFlags,
  energyConfigFromFlags,
  energyValueFlags,
} from './energy/cli.js';

export type SpecFromFlags =
  { readonly ok: true; readonly spec: StartSpec } | { readonly ok: false; readonly messages: string[] };

export interface CliLab {
  /** Help lines (already indented), shown by `ebm-lab --help`. */
  readonly help: string;
  /** Flags that take a value (besides runs-dir and backend, which every lab takes). */
  readonly valueFlags: readonly string[];
  readonly parse: (values: ReadonlyMap<string, string>) => SpecFromFlags;
  /** Epochs (or rounds) and samples per step, for the progress bar's labels and ETA. */
  readonly progress: (spec: StartSpec) => { readonly epochs: number; readonly samplesPerStep: number };
  /** The line printed for a test point (null: print nothing). */
  readonly testLine?: (event: MetricsEvent) => { text: string; json: Record<string, unknown> } | null;
}

const last = (event: MetricsEvent, column: string): number => event.columns[column]?.at(-1) ?? Number.NaN;

/** The default line of a test point: every column of the last point. */
export function defaultTestLine(event: MetricsEvent): { text: string; json: Record<string, unknown> } {
  const epoch = Math.round(event.epochs.at(-1) ?? 0);
  const values = Object.fromEntries(Object.keys(event.columns).map((name) => [name, last(event, name)]));
  const text = Object.entries(values)
    .map(([name, v]) => `${name} ${Number.isFinite(v) ? v.toPrecision(4) : 'n/a'}`)
    .join(', ');
  return { text: `epoch ${epoch}: ${text}`, json: { epoch, step: event.steps.at(-1), ...values } };
}

export const cliLabs: Readonly<Record<string, CliLab>> = {
  vae: {
    help: `  ebm-lab train vae [options]   train a VAE (or the classic autoencoder) headless
      --preset default|course|tiny   start from a preset (default: d = 2)
      --variant vae|ae  --latent-dim N  --hidden-dim N  --batch-size N  --learning-rate X
      --epochs N  --beta X  --seed N  --test-fraction X
      --images F --labels F [--test-images F --test-labels F]   MNIST-format IDX files (.gz too)`,
    valueFlags: trainValueFlags,
    parse(values) {
      const parsed = vaeConfigFromFlags(values);
      return parsed.ok ? { ok: true, spec: { lab: 'vae', config: parsed.config } } : parsed;
    },
    progress: (spec) =>
      spec.lab === 'vae'
        ? { epochs: spec.config.epochs, samplesPerStep: spec.config.batchSize }
        : { epochs: 1, samplesPerStep: 1 },
    testLine(event) {
      const epoch = Math.round(event.epochs.at(-1) ?? 0);
      const [total, recon, kl] = [last(event, 'total'), last(event, 'recon'), last(event, 'kl')];
      return {
        text: `epoch ${epoch}: test loss ${total.toFixed(2)} (reconstruction ${recon.toFixed(2)}, KL ${kl.toFixed(2)})`,
        json: { epoch, step: event.steps.at(-1), total, recon, kl },
      };
    },
  },
  sparse: {
    help: `  ebm-lab train sparse [options]   learn a sparse-coding dictionary (ISTA/FISTA codes, unit atoms)
      --preset mnist|patches8|patches16|tiny   --data mnist|dead-leaves|FOLDER (PNG/JPEG photos)
      --whitening of|zca|none  --patch-size N  --patch-count N  --atoms N  --lambda X
      --learning-rate X  --batch-size N  --epochs N  --code-iterations N  --seed N`,
    valueFlags: sparseValueFlags,
    parse(values) {
      const parsed = sparseConfigFromFlags(values, 'dictionary');
      return parsed.ok ? { ok: true, spec: { lab: 'sparse', config: parsed.config } } : parsed;
    },
    progress: (spec) =>
      spec.lab === 'sparse'
        ? { epochs: spec.config.epochs, samplesPerStep: spec.config.batchSize }
        : { epochs: 1, samplesPerStep: 1 },
  },
  lista: {
    help: `  ebm-lab train lista [options]   the same, then LISTA with K steps trained to predict FISTA's codes
      --lista-steps K  --lista-iterations N  --lista-learning-rate X  (and every sparse option)`,
    valueFlags: sparseValueFlags,
    parse(values) {
      const parsed = sparseConfigFromFlags(values, 'lista');
      return parsed.ok ? { ok: true, spec: { lab: 'sparse', config: parsed.config } } : parsed;
    },
    progress: (spec) =>
      spec.lab === 'sparse'
        ? { epochs: spec.config.epochs, samplesPerStep: spec.config.batchSize }
        : { epochs: 1, samplesPerStep: 1 },
    testLine(event) {
      const epoch = Math.round(event.epochs.at(-1) ?? 0);
      if (!event.columns.lista) return defaultTestLine(event);
      const [lista, ista, fista] = [last(event, 'lista'), last(event, 'ista'), last(event, 'fista')];
      return {
        text: `LISTA code error ${lista.toPrecision(3)} vs ISTA ${ista.toPrecision(3)} and FISTA ${fista.toPrecision(3)} at the same K`,
        json: { epoch, step: event.steps.at(-1), lista, ista, fista },
      };
    },
  },
  conv: {
    help: convHelp,
    valueFlags: convValueFlags,
    parse(values) {
      const parsed = convConfigFromFlags(values);
      return parsed.ok ? { ok: true, spec: { lab: 'conv', config: parsed.config } } : parsed;
    },
    progress: (spec) => (spec.lab === 'conv' ? convProgress(spec.config) : { epochs: 1, samplesPerStep: 1 }),
  },
  ebm2d: {
    help: `  ebm-lab train ebm2d [options]   shape an energy over the plane (DAE, CD-k, PCD, latent EBMs)
      --method dae|cd|pcd|latent|conditional  --data moons|spiral|rings|gaussians|drawn  --preset default|tiny
      --points x,y,x,y,…   your own points (at least 5; implies --data drawn)
      --steps N  --batch-size N  --learning-rate X  --data-points N  --seed N
      --sigma X (DAE)  --step-size X --noise-scale X --k N --alpha X (CD/PCD)
      --buffer-size N --reinit-rate X (PCD)  --lambda X --latent-dim N (latent EBM)  --condition X (x₀ drawn, conditional)`,
    valueFlags: energyValueFlags,
    parse(values) {
      const parsed = energyConfigFromFlags(values);
      return parsed.ok ? { ok: true, spec: { lab: 'energy', config: parsed.config } } : parsed;
    },
    progress: (spec) => ({ epochs: 1, samplesPerStep: spec.lab === 'energy' ? spec.config.batchSize : 1 }),
  },
  dae: {
    help: `  ebm-lab train dae [options]   a denoising autoencoder on the embedded MNIST digits
      --noise gaussian|mask  --strength X  --hidden-dim N  --batch-size N  --learning-rate X
      --epochs N  --seed N`,
    valueFlags: denoiserValueFlags,
    parse(values) {
      const parsed = denoiserConfigFromFlags(values);
      return parsed.ok ? { ok: true, spec: { lab: 'dae', config: parsed.config } } : parsed;
    },
    progress: (spec) =>
      spec.lab === 'dae'
        ? { epochs: spec.config.epochs, samplesPerStep: spec.config.batchSize }
        : { epochs: 1, samplesPerStep: 1 },
  },
  contrastive: {
    help: contrastiveHelp,
    valueFlags: contrastiveValueFlags,
    parse(values) {
      const parsed = contrastiveConfigFromFlags(values);
      return parsed.ok ? { ok: true, spec: { lab: 'contrastive', config: parsed.config } } : parsed;
    },
    progress: (spec) =>
      spec.lab === 'contrastive' ? contrastiveProgress(spec.config) : { epochs: 1, samplesPerStep: 1 },
    testLine(event) {
      const epoch = Math.round(event.epochs.at(-1) ?? 0);
      const [probe, random, pixels] = [last(event, 'probe'), last(event, 'random'), last(event, 'pixels')];
      const pc = (x: number): string => `${(100 * x).toFixed(1)} %`;
      const text =
        event.columns.probeTrain === undefined
          ? `linear probe before training: random encoder ${pc(random)}, raw pixels ${pc(pixels)} (test accuracy)`
          : `epoch ${epoch}: linear probe test accuracy ${pc(probe)} (random encoder ${pc(random)}, pixels ${pc(pixels)})`;
      return { text, json: { epoch, step: event.steps.at(-1), probe, random, pixels } };
    },
  },
};
