/** The VAE lab's words and equations on its LabPage. */
import type { EquationSet, LabText, LectureClaim } from '../../components/lab-page.js';
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
  return `mean ‖μ‖ ${sig(spread.meanNorm)}, mean σ ${sig(spread.meanSigma)}`;
}

/** What the β = 0 twin beside the run shows, against the run itself (08-3). */
function withoutTheSpring(run: RunView, twin: RunView | null): string | null {
  const beta = run.current('beta');
  const mine = spreadOf(run);
  if (!mine || vaeConfigOf(run)?.variant === 'ae') return null;
  const here = `β = ${beta === null ? '?' : sig(beta)}: ${mine}`;
  if (!twin) return `${here}; tick “β = 0 beside it” to train the same VAE without the KL term`;
  const theirs = spreadOf(twin);
  const a = run.scatter && latentSpread(run.scatter);
  const b = twin.scatter && latentSpread(twin.scatter);
  if (!theirs || !a?.meanSigma || !b?.meanSigma) return `${here}; β = 0: measuring…`;
  const wider = b.meanNorm / a.meanNorm;
  const smaller = a.meanSigma / b.meanSigma;
  return `${here}; β = 0: ${theirs} (means ${sig(wider)}× as far out, σ ${sig(smaller)}× smaller)`;
}

/** The lecture's claims, beside this run's numbers (`twin`: the β = 0 run on show beside it). */
const lectureWith = (twin: () => RunView | null): readonly LectureClaim[] => [
  {
    says: 'The KL term is a spring pulling every code towards the prior N(0, I).',
    source: '08-3, VAE',
    shows: (run) => {
      const kl = lastValue(run.test, 'kl') ?? lastValue(run.train, 'kl');
      if (kl === null || vaeConfigOf(run)?.variant === 'ae') return null;
      const beta = run.current('beta');
      return `KL(q(z|x) ‖ N(0, I)) = ${sig(kl)} nats per digit at β = ${beta === null ? '?' : sig(beta)}${beta === 0 ? ': nothing holds the codes near the origin' : ''}`;
    },
  },
  {
    says: 'With the reconstruction loss alone (β = 0) the bubbles are pushed apart and the system could blow up; the KL term keeps σ near 1 and pulls the means back.',
    source: '08-3, the penalty term',
    shows: (run) => withoutTheSpring(run, twin()),
  },
  {
    says: 'The course notebook (11-VAE, PyTorch) trains this model with binary cross-entropy + KL.',
    source: 'practicum, notebook 11-VAE',
    shows: (run) => {
      const total = lastValue(run.test, 'total');
      const ref = notebookReference;
      const pytorch = `PyTorch on the same ${ref.trainDigits} embedded digits: test loss ${sig(ref.pytorch)} after ${ref.epochs} epochs (EBM Lab in the same bench: ${sig(ref.ebmLab)})`;
      if (total === null) return `${pytorch} (${ref.command})`;
      const epochs = Math.round(run.test.last.epoch);
      return isCourseModel(run)
        ? `test loss ${sig(total)} at z = μ after ${epochs} epoch${epochs === 1 ? '' : 's'}; ${pytorch}`
        : `test loss ${sig(total)} at z = μ; the Course preset is the notebook's model (${pytorch})`;
    },
  },
];

/** The lab's words, its claims measured on the run on show and the β = 0 twin beside it. */
export const vaeTextWith = (twin: () => RunView | null): LabText => ({
  title: 'Variational autoencoder',
  blurb:
    'Encode a digit as a distribution q(z|x) = N(μ, σ²), sample a code, decode it, and pay for the distance from the prior.',
  welcome: {
    testid: 'welcome',
    title: 'Train a VAE and watch it learn',
    intro:
      'Choose a preset on the left and press Start training. The drag-friendly preset uses a 2-D code, so you can press anywhere in the latent plane and see the digit the decoder draws there, while it trains.',
    items: [
      'Loss curves: reconstruction, KL and total, per step and per epoch.',
      "The test digits' latent means coloured by class, with σ as bubbles.",
      'Reconstructions, random samples from N(0, I), the 3 → 8 morph and the decoded manifold.',
      'Tick “train a classic autoencoder beside it” to compare the two latent spaces, or “β = 0 beside it” to see what the KL term holds together.',
    ],
  },
  lecture: lectureWith(twin),
});

export const vaeText: LabText = vaeTextWith(() => null);

/** One line on how the latent plane is drawn for a latent of size d (the notebook uses t-SNE). */
export function projectionNote(d: number): string {
  if (d === 1) return 'd = 1: μ itself on the x axis, no projection.';
  if (d === 2)
    return 'd = 2: the plane is μ itself, no projection (the notebook projects its d = 20 with t-SNE).';
  return `PCA of the ${d}-D means onto their 2 main axes; the notebook (11-VAE) uses t-SNE, which keeps neighbours but not distances.`;
}

export const vaeEquations = (withAe: boolean): EquationSet => ({
  main: [vaeLossTex],
  side: [klTex, reparamTex, ...(withAe ? [aeLossTex] : [])],
  testid: 'equations',
});
