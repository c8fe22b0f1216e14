/**
 * `ebm-lab train ebm2d` (the energy lab): its fields as kebab-case flags, --method, --data,
 * --preset default|tiny, and --points x,y,x,y,… (your own points; implies --data drawn).
 */
import {
  defaultEnergyConfig,
  energyFields,
  parseEnergyConfig,
  tinyEnergyConfig,
  type EnergyConfig,
} from '../../protocol/energy/config.js';
import { cliLab, configFromFlags, type LabFlags } from '../cli-lab.js';

/** "x,y,x,y,…" (or separated by spaces or ';') → numbers, or the sentence naming the first that is not one. */
function pointsOf(text: string): number[] | string {
  const parts = text.split(/[\s,;]+/).filter(Boolean);
  const bad = parts.findIndex((p) => !Number.isFinite(Number(p)));
  if (bad >= 0) {
    const point = Math.floor(bad / 2) + 1;
    return `--points: ${JSON.stringify(parts[bad])} (the ${bad % 2 === 0 ? 'x' : 'y'} of point ${point}) is not a finite number; give x,y pairs such as 0.5,-1,1.2,0.3,….`;
  }
  return parts.map(Number);
}

const flags: LabFlags<EnergyConfig> = {
  fields: energyFields,
  texts: ['method', 'data'],
  others: ['points'],
  presets: { default: defaultEnergyConfig, tiny: tinyEnergyConfig },
  preset: () => 'default',
  more(values, input) {
    // Without --latent-dim or --learning-rate, the method's (8 corners, 2 branches for the
    // conditional model; 1e-2 for the latent EBMs).
    if (!values.has('latent-dim')) delete input.latentDim;
    if (!values.has('learning-rate')) delete input.learningRate;
    const text = values.get('points');
    if (text === undefined) return;
    const points = pointsOf(text);
    if (typeof points === 'string') return points;
    input.points = points;
    if (!values.has('data')) input.data = 'drawn';
  },
  parse: parseEnergyConfig,
};

export const energyConfigFromFlags = (values: ReadonlyMap<string, string>) => configFromFlags(flags, values);

export const energyCli = cliLab('energy', {
  help: `  ebm-lab train ebm2d [options]   shape an energy over the plane (DAE, CD-k, PCD, latent EBMs)
      --method dae|cd|pcd|latent|conditional  --data moons|spiral|rings|gaussians|drawn  --preset default|tiny
      --points x,y,x,y,…   your own points (at least 5; implies --data drawn)
      --steps N  --batch-size N  --learning-rate X  --data-points N  --seed N
      --sigma X (DAE)  --step-size X --noise-scale X --k N --alpha X (CD/PCD)
      --buffer-size N --reinit-rate X (PCD)  --lambda X --latent-dim K (latent EBMs: corners, default 8; conditional 2)  --condition X (x₀ drawn, conditional)`,
  flags,
  progress: (config) => ({ epochs: 1, samplesPerStep: config.batchSize, unit: null }), // counted in steps
});
