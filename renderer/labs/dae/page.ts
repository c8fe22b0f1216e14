/** The denoiser lab's words and equation on its LabPage. */
import type { EquationSet, LabText, LectureClaim } from '../../components/lab-page.js';
import { lastValue, sig } from '../../lib/measures.js';

/** The denoiser's loss (Vincent et al. 2008), as TeX for KaTeX. */
export const denoiserTex = String.raw`\mathcal L = \tfrac1B\textstyle\sum_b \big\|g(\tilde x_b) - x_b\big\|^2,\quad \tilde x = \mathrm{clip}(x + s\,\epsilon) \text{ or } x \odot m,\ m_i \sim \mathrm{Bernoulli}(1 - s)`;

/** The lecture's claims, beside this run's numbers. */
const lecture: readonly LectureClaim[] = [
  {
    says: 'A denoising autoencoder is trained to map a corrupted x̃ back to the clean x; its energy ‖x − g(x)‖² is low on the data.',
    source: '08-1, denoising autoencoder',
    shows: (run) => {
      const test = lastValue(run.test, 'loss');
      const train = lastValue(run.train, 'loss');
      if (test === null && train === null) return null;
      return test === null
        ? `training squared error per digit ${sig(train!)} (the test point comes at the end of the epoch)`
        : `test squared error per digit ${sig(test)} (784 pixels; 0 would be a perfect clean digit)`;
    },
  },
];

export const denoiserText: LabText = {
  title: 'Denoising autoencoder',
  blurb: 'Corrupt a digit, train a network to give the clean one back; its energy is ‖x − g(x)‖².',
  welcome: {
    testid: 'dae-welcome',
    title: 'Teach a network to remove noise',
    intro: 'Choose the noise on the left and press Start training.',
    items: [
      'Each row of digits: clean, corrupted at the current strength, and what the denoiser gives back.',
      'Change the noise strength while it trains and watch the middle row follow.',
    ],
  },
  lecture: lecture,
};

export const denoiserEquations: EquationSet = { main: [denoiserTex], testid: 'dae-equations' };
