/** The VAE lab's words and equations on its LabPage. */
import type { EquationSet, LabText, LectureClaim } from '../../components/lab-page.js';
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
    says: 'The KL term is a spring pulling every code towards the prior N(0, I); without it (β = 0) the bubbles fly apart.',
    source: '08-3, VAE',
    shows: (run) => {
      const kl = lastValue(run.test, 'kl') ?? lastValue(run.train, 'kl');
      if (kl === null || vaeConfigOf(run)?.variant === 'ae') return null;
      const beta = run.current('beta');
      return `KL(q(z|x) ‖ N(0, I)) = ${sig(kl)} nats per digit at β = ${beta === null ? '?' : sig(beta)}${beta === 0 ? ': nothing holds the codes near the origin' : ''}`;
    },
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

export const vaeText: LabText = {
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
      'Tick “train a classic autoencoder beside it” to compare the two latent spaces.',
    ],
  },
  lecture,
};

export const vaeEquations = (withAe: boolean): EquationSet => ({
  main: [vaeLossTex],
  side: [klTex, reparamTex, ...(withAe ? [aeLossTex] : [])],
  testid: 'equations',
});
