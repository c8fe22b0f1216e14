/** The VAE lab's words and equations on its LabPage. */
import type { EquationSet, LabText } from '../../components/lab-page.js';
import { aeLossTex, klTex, reparamTex, vaeLossTex } from './equations.js';

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
};

export const vaeEquations = (withAe: boolean): EquationSet => ({
  main: [vaeLossTex],
  side: [klTex, reparamTex, ...(withAe ? [aeLossTex] : [])],
  testid: 'equations',
});
