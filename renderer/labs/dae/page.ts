/** The denoiser lab's words and equation on its LabPage. */
import type { EquationSet, LabText } from '../../components/lab-page.js';
import { denoiserTex } from '../energy/equations.js';

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
};

export const denoiserEquations: EquationSet = { main: [denoiserTex], testid: 'dae-equations' };
