/** The energy lab's words and equations on its LabPage. */
import type { EnergyMethod } from '../../../protocol/energy/config.js';
import type { EquationSet, LabText, LectureClaim } from '../../components/lab-page.js';
import type { RunView } from '../../state/run-view.svelte.js';
import { landscapeMeasure, sig } from '../../lib/measures.js';
import { energyTex, langevinTex } from './equations.js';

/** Where the low energy of the run's latest landscape lies (null before one arrives). */
function lowEnergy(run: RunView): string | null {
  const view = run.arrays.landscape;
  const m = view ? landscapeMeasure(view) : null;
  if (!m) return null;
  return `the lowest cell lies ${sig(m.argminDistance)} from the nearest data point; ${Math.round(100 * m.lowestNearData)} % of the lowest 5 % of cells are within ${sig(m.near)} of the data`;
}

/** The lecture's claims, beside this run's numbers. */
const lecture: readonly LectureClaim[] = [
  {
    says: 'Training shapes the energy to be low on the data and higher everywhere else; a denoising AE also leaves flat, low spots between the branches.',
    source: '08-1, contrastive methods; 08-2, regularised latent-variable EBMs',
    shows: lowEnergy,
  },
];

export const energyText: LabText = {
  title: 'Energy landscapes',
  blurb:
    'Push the energy down on the data and up elsewhere. Watch where each method puts low energy, and where it leaves it.',
  welcome: {
    testid: 'energy-welcome',
    title: 'Shape an energy over the plane',
    intro: 'Pick a method and a data set (or draw your own) and press Start training.',
    items: [
      'Denoising AE: low energy wherever g sends points to themselves: flat spots between branches.',
      'CD-k: negatives from k Langevin steps started at the data push the energy up just around it.',
      'Persistent CD: particles wander far, find spurious low places and raise them.',
      'Latent-variable EBM: λ → 0 makes the energy flat and zero; larger λ shrinks low energy onto the data.',
      'Tick “side by side” to train DAE, CD and PCD on the same data at once.',
    ],
  },
  lecture: lecture,
};

export const energyEquations = (methods: readonly EnergyMethod[]): EquationSet => ({
  main: methods.map((m) => energyTex[m]),
  side: methods.some((m) => m === 'cd' || m === 'pcd') ? [langevinTex] : [],
  testid: 'energy-equations',
});
