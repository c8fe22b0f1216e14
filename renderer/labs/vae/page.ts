/** The VAE lab's words and equations on its LabPage. */
import type { EquationSet, LabText, LectureClaim } from '../../components/lab-page.js';
import { t } from '../../lib/i18n/translate.js';
import { lastValue, sig } from '../../lib/measures.js';
import type { RunView } from '../../state/run-view.svelte.js';
import { notebookReference } from './notebook-reference.js';
import { latentSpread } from './kl.js';
import { vaeConfigOf } from './run.js';
import { aeLossTex, klTex, reparamTex, vaeLossTex } from './equations.js';

/** True for a run of the Course preset's model (d = 20, h = 400, batch 256, lr 1e-3, β = 1). */
function isCourseModel(run: RunView): boolean {
  const c = vaeConfigOf(run);
  return !!c && c.variant === 'vae' && c.latentDim === 20 && c.hiddenDim === 400 && c.batchSize === 256;
}

/** "mean ‖μ‖ 0.93, mean σ 0.41" for a VAE run's latest scatter; null before it has one. */
function spreadOf(run: RunView): string | null {
  const spread = run.scatter && latentSpread(run.scatter);
  if (!spread || spread.meanSigma === null) return null;
  return t('vae.spread.both', { norm: sig(spread.meanNorm), sigma: sig(spread.meanSigma) });
}

/** What the β = 0 twin beside the run shows, against the run itself (08-3). */
function withoutTheSpring(run: RunView, twin: RunView | null): string | null {
  const beta = run.current('beta');
  const mine = spreadOf(run);
  if (!mine || vaeConfigOf(run)?.variant === 'ae') return null;
  const here = t('vae.lecture.spring.here', { beta: beta === null ? '?' : sig(beta), spread: mine });
  if (!twin) return t('vae.lecture.spring.tick', { here });
  const theirs = spreadOf(twin);
  const a = run.scatter && latentSpread(run.scatter);
  const b = twin.scatter && latentSpread(twin.scatter);
  if (!theirs || !a?.meanSigma || !b?.meanSigma) return t('vae.lecture.spring.measuring', { here });
  return t('vae.lecture.spring.shows', {
    here,
    theirs,
    wider: sig(b.meanNorm / a.meanNorm),
    smaller: sig(a.meanSigma / b.meanSigma),
  });
}

/** The lecture's claims, beside this run's numbers (`twin`: the β = 0 run on show beside it). */
const lectureWith = (twin: () => RunView | null): readonly LectureClaim[] => [
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
      return t('vae.lecture.spring.says');
    },
    get source() {
      return t('vae.lecture.spring.source');
    },
    shows: (run) => withoutTheSpring(run, twin()),
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

/** The lab's words, its claims measured on the run on show and the β = 0 twin beside it. */
export const vaeTextWith = (twin: () => RunView | null): LabText => ({
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
  lecture: lectureWith(twin),
});

export const vaeText: LabText = vaeTextWith(() => null);

/** One line on how the latent plane is drawn for a latent of size d (the notebook uses t-SNE). */
export function projectionNote(d: number): string {
  if (d === 1) return t('vae.projection.d1');
  if (d === 2) return t('vae.projection.d2');
  return t('vae.projection.pca', { d });
}

export const vaeEquations = (withAe: boolean): EquationSet => ({
  main: [vaeLossTex],
  side: [klTex, reparamTex, ...(withAe ? [aeLossTex] : [])],
  testid: 'equations',
});
