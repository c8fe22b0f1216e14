/** The energy lab's words and equations on its LabPage. */
import type { EnergyMethod } from '../../../protocol/energy/config.js';
import type { EquationSet, LabText, LectureClaim } from '../../components/lab-page.js';
import type { RunView } from '../../state/run-view.svelte.js';
import { landscapeMeasure, sig } from '../../lib/measures.js';
import { t } from '../../lib/i18n/translate.js';
import { energyTex, langevinTex } from './equations.js';

/** Where the low energy of the run's latest landscape lies (null before one arrives). */
function lowEnergy(run: RunView): string | null {
  const view = run.arrays.landscape;
  const m = view ? landscapeMeasure(view) : null;
  if (!m) return null;
  return t('energy.lecture.shows', {
    distance: sig(m.argminDistance),
    share: Math.round(100 * m.lowestNearData),
    near: sig(m.near),
  });
}

/** The lecture's claims, beside this run's numbers. */
const lecture: readonly LectureClaim[] = [
  {
    get says() {
      return t('energy.lecture.says');
    },
    get source() {
      return t('energy.lecture.source');
    },
    shows: lowEnergy,
  },
];

export const energyText: LabText = {
  get title() {
    return t('energy.title');
  },
  get blurb() {
    return t('energy.blurb');
  },
  welcome: {
    testid: 'energy-welcome',
    get title() {
      return t('energy.welcome.title');
    },
    get intro() {
      return t('energy.welcome.intro');
    },
    get items() {
      return [
        t('energy.welcome.dae'),
        t('energy.welcome.cd'),
        t('energy.welcome.pcd'),
        t('energy.welcome.latent'),
        t('energy.welcome.compare'),
      ];
    },
  },
  lecture: lecture,
};

export const energyEquations = (methods: readonly EnergyMethod[]): EquationSet => ({
  main: methods.map((m) => energyTex[m]),
  side: methods.some((m) => m === 'cd' || m === 'pcd') ? [langevinTex] : [],
  testid: 'energy-equations',
});
