/** The sparse lab's words and equations on its LabPage. */
import type { EquationSet, LabText, LectureClaim } from '../../components/lab-page.js';
import { iterationsTo, lastValue, sig } from '../../lib/measures.js';
import {
  fistaTex,
  istaTex,
  listaTex,
  nonNegativeEnergyTex,
  shrinkPlusTex,
  shrinkTex,
  sparseEnergyTex,
} from './equations.js';

/** The lecture's claims, beside this run's numbers. */
const lecture: readonly LectureClaim[] = [
  {
    says: "FISTA's energy gap is bounded by O(1/k²), ISTA's by O(1/k): FISTA needs far fewer iterations.",
    source: '08-2, ISTA and FISTA',
    shows: (run) => {
      const view = run.arrays.convergence;
      const [ista, fista] = [view?.arrays.ista, view?.arrays.fista];
      if (!(ista instanceof Float32Array) || !(fista instanceof Float32Array)) return null;
      const [i, f] = [iterationsTo(ista, 0.01), iterationsTo(fista, 0.01)];
      const text = (k: number | null, of: number) => (k === null ? `more than ${of - 1}` : String(k));
      return `to 1 % of the first energy gap: ISTA ${text(i, ista.length)} iterations, FISTA ${text(f, fista.length)}`;
    },
  },
  {
    says: 'A sample is a combination of a few atoms: most entries of z are zero.',
    source: '08-2, sparse coding',
    shows: (run) => {
      const active = lastValue(run.test, 'active') ?? lastValue(run.train, 'active');
      const zeros = lastValue(run.test, 'sparsity') ?? lastValue(run.train, 'sparsity');
      if (active === null) return null;
      const atoms = run.spec?.lab === 'sparse' ? run.spec.config.atoms : null;
      return `${sig(active)} active atoms per sample${atoms ? ` of ${atoms}` : ''}${zeros === null ? '' : ` (${sig(100 * zeros)} % zeros)`}`;
    },
  },
  {
    says: 'LISTA, K unrolled steps with learned matrices, predicts the optimal code as well as many more FISTA iterations.',
    source: '08-2, LISTA (Gregor & LeCun 2010)',
    shows: (run) => {
      if (run.spec?.lab === 'sparse' && run.spec.config.task !== 'lista')
        return 'this run learns the dictionary only: pick + LISTA to train LISTA after it';
      const info = run.arrays.lista?.info as Record<string, number> | undefined;
      if (!info || !Number.isFinite(info.steps)) return null;
      const fista =
        info.fistaEquivalent! > 0
          ? `FISTA after ${info.fistaEquivalent} iterations`
          : 'more FISTA iterations than were run';
      const ista = info.istaEquivalent! > 0 ? `, ISTA after ${info.istaEquivalent}` : '';
      return `LISTA with K = ${info.steps} steps is as close as ${fista}${ista}`;
    },
  },
];

export const sparseText: LabText = {
  title: 'Sparse coding · ISTA, FISTA, LISTA',
  blurb:
    'Explain each sample with a few atoms of a dictionary: infer the code by iterative shrinkage, learn the atoms by a gradient step, and watch them turn into pen strokes on digits and oriented edges on image patches.',
  welcome: {
    testid: 'sparse-welcome',
    title: 'Learn a sparse dictionary and watch its atoms form',
    intro: 'Pick a preset on the left and press Start training.',
    items: [
      'MNIST with 256 atoms and codes z ≥ 0: the atoms become pen strokes, a few dozen per digit.',
      'Whitened image patches: the atoms become localised, oriented edges (Olshausen & Field 1996).',
      'ISTA against FISTA: the energy gap is bounded by O(1/k) and O(1/k²).',
      'LISTA: a few learned steps do what FISTA does in many.',
    ],
  },
  lecture: lecture,
};

/** The lab's equations: LISTA's step for the 'lista' task, the constraints for z ≥ 0 codes. */
export const sparseEquations = (lista: boolean, nonNegative: boolean): EquationSet => ({
  main: [nonNegative ? nonNegativeEnergyTex : sparseEnergyTex],
  side: [istaTex, fistaTex, nonNegative ? shrinkPlusTex : shrinkTex, ...(lista ? [listaTex] : [])],
  note: [
    `With the ½ the gradient is Wᵀ(Wz − y); the lecture writes ‖y − Wz‖² without it, the same problem with λ doubled.${
      nonNegative
        ? " z ≥ 0 and W ≥ 0 are added to the lecture's E (non-negative sparse coding, Hoyer 2002): with signed codes, one whole-digit atom costs less ‖z‖₁ than several strokes, so the MNIST atoms stay digits."
        : ''
    }`,
    'half-convention',
  ],
  testid: 'sparse-equations',
});
