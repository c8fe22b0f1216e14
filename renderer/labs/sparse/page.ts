/** The sparse lab's words and equations on its LabPage. */
import type { EquationSet, LabText, LectureClaim } from '../../components/lab-page.js';
import type { ArraysEvent } from '../../../protocol/messages.js';
import { listaEquivalence } from '../../../protocol/sparse/texts.js';
import { word } from '../../lib/i18n/said.js';
import { t } from '../../lib/i18n/translate.js';
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
    get says() {
      return t('sparse.lecture.fista.says');
    },
    get source() {
      return t('sparse.lecture.fista.source');
    },
    shows: (run) => {
      const view = run.arrays.convergence;
      const [ista, fista] = [view?.arrays.ista, view?.arrays.fista];
      if (!(ista instanceof Float32Array) || !(fista instanceof Float32Array)) return null;
      const [i, f] = [iterationsTo(ista, 0.01), iterationsTo(fista, 0.01)];
      const text = (k: number | null, of: number) =>
        k === null ? t('sparse.lecture.moreThan', { count: of - 1 }) : String(k);
      return t('sparse.lecture.fista.shows', { ista: text(i, ista.length), fista: text(f, fista.length) });
    },
  },
  {
    get says() {
      return t('sparse.lecture.atoms.says');
    },
    get source() {
      return t('sparse.lecture.atoms.source');
    },
    shows: (run) => {
      const active = lastValue(run.test, 'active') ?? lastValue(run.train, 'active');
      const zeros = lastValue(run.test, 'sparsity') ?? lastValue(run.train, 'sparsity');
      if (active === null) return null;
      const atoms = run.spec?.lab === 'sparse' ? run.spec.config.atoms : null;
      const used = atoms
        ? t('sparse.lecture.atoms.of', { active: sig(active), atoms })
        : t('sparse.lecture.atoms.shows', { active: sig(active) });
      return zeros === null
        ? used
        : `${used} ${t('sparse.lecture.atoms.zeros', { zeros: sig(100 * zeros) })}`;
    },
  },
  {
    get says() {
      return t('sparse.lecture.lista.says');
    },
    get source() {
      return t('sparse.lecture.lista.source');
    },
    shows: (run) => {
      if (run.spec?.lab === 'sparse' && run.spec.config.task !== 'lista')
        return t('sparse.lecture.lista.none');
      const info = run.arrays.lista?.info as Record<string, number> | undefined;
      if (!info || !Number.isFinite(info.steps)) return null;
      const fista =
        info.fistaEquivalent! > 0
          ? t('sparse.lecture.lista.fista', { count: info.fistaEquivalent! })
          : t('sparse.lecture.lista.moreFista');
      const ista =
        info.istaEquivalent! > 0 ? t('sparse.lecture.lista.ista', { count: info.istaEquivalent! }) : '';
      return t('sparse.lecture.lista.shows', { steps: info.steps!, fista, ista });
    },
  },
];

export const sparseText: LabText = {
  get title() {
    return t('sparse.title');
  },
  get blurb() {
    return t('sparse.blurb');
  },
  welcome: {
    testid: 'sparse-welcome',
    get title() {
      return t('sparse.welcome.title');
    },
    get intro() {
      return t('sparse.welcome.intro');
    },
    get items() {
      return [
        t('sparse.welcome.mnist'),
        t('sparse.welcome.patches'),
        t('sparse.welcome.fista'),
        t('sparse.welcome.lista'),
      ];
    },
  },
  lecture: lecture,
};

/** The lab's equations: LISTA's step for the 'lista' task, the constraints for z ≥ 0 codes. */
export const sparseEquations = (lista: boolean, nonNegative: boolean): EquationSet => ({
  main: [nonNegative ? nonNegativeEnergyTex : sparseEnergyTex],
  side: [istaTex, fistaTex, nonNegative ? shrinkPlusTex : shrinkTex, ...(lista ? [listaTex] : [])],
  note: [
    nonNegative ? `${t('sparse.halfConvention')} ${t('sparse.nonNegativeNote')}` : t('sparse.halfConvention'),
    'half-convention',
  ],
  testid: 'sparse-equations',
});

/**
 * The sentence over the LISTA chart, "LISTA with K = 3 reaches the error FISTA reaches after
 * 25 iterations", in the window's language: worded from the view's numbers (protocol/sparse/
 * texts.ts), the trainer's English `sentence` for a view without them.
 */
export function listaSentence(view: ArraysEvent | null): string | null {
  const info = view?.info;
  if (!info) return null;
  const fista = view.arrays.fista;
  if (typeof info.steps === 'number' && typeof info.fistaEquivalent === 'number' && fista)
    return word(listaEquivalence(info.steps, info.fistaEquivalent, fista.length - 1));
  return typeof info.sentence === 'string' ? info.sentence : null;
}
