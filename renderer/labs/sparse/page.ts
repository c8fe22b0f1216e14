/** The sparse lab's words and equations on its LabPage. */
import type { EquationSet, LabText } from '../../components/lab-page.js';
import { fistaTex, istaTex, listaTex, shrinkTex, sparseEnergyTex } from './equations.js';

export const sparseText: LabText = {
  title: 'Sparse coding · ISTA, FISTA, LISTA',
  blurb:
    'Explain each sample with a few atoms of a dictionary: infer the code by iterative shrinkage, learn the atoms by a gradient step, and watch them turn into pen strokes on digits and oriented edges on image patches.',
  welcome: {
    testid: 'sparse-welcome',
    title: 'Learn a sparse dictionary and watch its atoms form',
    intro: 'Pick a preset on the left and press Start training.',
    items: [
      'MNIST with 256 atoms: the atoms become pen strokes.',
      'Whitened image patches: the atoms become localised, oriented edges (Olshausen & Field 1996).',
      'ISTA against FISTA: the energy gap is bounded by O(1/k) and O(1/k²).',
      'LISTA: a few learned steps do what FISTA does in many.',
    ],
  },
};

export const sparseEquations = (lista: boolean): EquationSet => ({
  main: [sparseEnergyTex],
  side: [istaTex, fistaTex, shrinkTex, ...(lista ? [listaTex] : [])],
  note: [
    'With the ½ the gradient is Wᵀ(Wz − y); the lecture writes ‖y − Wz‖² without it, the same problem with λ doubled.',
    'half-convention',
  ],
  testid: 'sparse-equations',
});
