/** The VAE lab's words and equations on its LabPage. */
import type { EquationSet, LabText, LectureClaim } from '../../components/lab-page.js';
import { t } from '../../lib/i18n/translate.js';
import { lastValue, sig } from '../../lib/measures.js';
import type { RunView } from '../../state/run-view.svelte.js';
import { notebookReference } from './notebook-reference.js';
import { vaeConfigOf } from './run.js';
import { aeLossTex, klTex, reparamTex, vaeLossTex } from './equations.js';

/** True for a run of the Course preset's model (d = 20, h = 400, batch 256, lr 1e-3, β = 1). */
function isCourseModel(run: RunView): boolean {
  const c = vaeConfigOf(run);
  return !!c && c.variant === 'vae' && c.latentDim === 20 && c.hiddenDim === 400 && c.batchSize === 256;
}

/** The lecture's claims, beside this run's numbers. */
const lecture: readonly LectureClaim[] = [
  {
    get says() {
      return t('vae.lecture.kl.says');
    },
    get source() {
      return t('vae.lecture.kl.source');
    },
    shows: (run) => {
      const kl = lastValue(run.test, 'kl') ?? lastValue(run.train, 'kl');
      if (kl === null || vaeConfigOf(run)?.variant === 'ae') return null;
      const beta = run.current('beta');
      return t(beta === 0 ? 'vae.lecture.kl.free' : 'vae.lecture.kl.shows', {
        kl: sig(kl),
        beta: beta === null ? '?' : sig(beta),
      });
    },
  },
  {
    get says() {
      return t('vae.lecture.notebook.says');
    },
    get source() {
      return t('vae.lecture.notebook.source');
    },
    shows: (run) => {
      const total = lastValue(run.test, 'total');
      const ref = notebookReference;
      const pytorch = t('vae.lecture.notebook.pytorch', {
        digits: ref.trainDigits,
        pytorch: sig(ref.pytorch),
        epochs: ref.epochs,
        ebmLab: sig(ref.ebmLab),
      });
      if (total === null) return t('vae.lecture.notebook.command', { pytorch, command: ref.command });
      const epochs = Math.round(run.test.last.epoch);
      return isCourseModel(run)
        ? t('vae.lecture.notebook.course', { total: sig(total), count: epochs, pytorch })
        : t('vae.lecture.notebook.other', { total: sig(total), pytorch });
    },
  },
];

export const vaeText: LabText = {
  get title() {
    return t('vae.title');
  },
  get blurb() {
    return t('vae.blurb');
  },
  welcome: {
    testid: 'welcome',
    get title() {
      return t('vae.welcome.title');
    },
    get intro() {
      return t('vae.welcome.intro');
    },
    get items() {
      return [
        t('vae.welcome.curves'),
        t('vae.welcome.latent'),
        t('vae.welcome.samples'),
        t('vae.welcome.ae'),
      ];
    },
  },
  lecture,
};

export const vaeEquations = (withAe: boolean): EquationSet => ({
  main: [vaeLossTex],
  side: [klTex, reparamTex, ...(withAe ? [aeLossTex] : [])],
  testid: 'equations',
});
