/** The energy lab's words and equations on its LabPage. */
import type { EnergyMethod } from '../../../protocol/energy/config.js';
import type { EquationSet, LabText } from '../../components/lab-page.js';
import { energyTex, langevinTex } from './equations.js';

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
};

export const energyEquations = (methods: readonly EnergyMethod[]): EquationSet => ({
  main: methods.map((m) => energyTex[m]),
  side: methods.some((m) => m === 'cd' || m === 'pcd') ? [langevinTex] : [],
  testid: 'energy-equations',
});
