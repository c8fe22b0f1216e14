/** The denoiser lab's words and equation on its LabPage. */
import type { EquationSet, LabText, LectureClaim } from '../../components/lab-page.js';
import { t } from '../../lib/i18n/translate.js';
import { lastValue, sig } from '../../lib/measures.js';

/** The denoiser's loss (Vincent et al. 2008), as TeX for KaTeX. */
export const denoiserTex = String.raw`\mathcal L = \tfrac1B\textstyle\sum_b \big\|g(\tilde x_b) - x_b\big\|^2,\quad \tilde x = \mathrm{clip}(x + s\,\epsilon) \text{ or } x \odot m,\ m_i \sim \mathrm{Bernoulli}(1 - s)`;

/** The lecture's claims, beside this run's numbers. */
const lecture: readonly LectureClaim[] = [
  {
    get says() {
      return t('dae.lecture.says');
    },
    get source() {
      return t('dae.lecture.source');
    },
    shows: (run) => {
      const test = lastValue(run.test, 'loss');
      const train = lastValue(run.train, 'loss');
      if (test === null && train === null) return null;
      return test === null
        ? t('dae.lecture.train', { error: sig(train!) })
        : t('dae.lecture.test', { error: sig(test) });
    },
  },
];

export const denoiserText: LabText = {
  get title() {
    return t('dae.title');
  },
  get blurb() {
    return t('dae.blurb');
  },
  welcome: {
    testid: 'dae-welcome',
    get title() {
      return t('dae.welcome.title');
    },
    get intro() {
      return t('dae.welcome.intro');
    },
    get items() {
      return [t('dae.welcome.rows'), t('dae.welcome.live')];
    },
  },
  lecture: lecture,
};

export const denoiserEquations: EquationSet = { main: [denoiserTex], testid: 'dae-equations' };
