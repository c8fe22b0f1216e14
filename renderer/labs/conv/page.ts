/** The convolutional lab's words and equations on its LabPage. */
import type { EquationSet, LabText } from '../../components/lab-page.js';
import { convDecoderTex, convEncoderTex, convLossTex, convPsdTex, convTanhEncoderTex } from './equations.js';

export const convText: LabText = {
  title: 'Convolutional sparse coding',
  blurb:
    'Explain a whole image as a sum of a few kernels stamped where their feature maps are non-zero. With one kernel it learns a centre-surround; with more, edges, orientations and gratings.',
  welcome: {
    testid: 'conv-welcome',
    title: 'Learn convolution kernels that explain whole images sparsely',
    intro: 'Pick a preset on the left and press Start training.',
    items: [
      "Sweep: one model per n = 1, 2, 4 … 64 kernels — the lecture's figure, row by row.",
      'One model: watch 16 encoder and decoder kernels learn, and the feature maps go sparse.',
      'λ sets how sparse the maps are; change it while it trains.',
    ],
  },
};

export const convEquations = (psd: boolean, tanh: boolean): EquationSet => ({
  main: [convDecoderTex, convLossTex],
  side: [tanh ? convTanhEncoderTex : convEncoderTex, ...(psd ? [convPsdTex] : [])],
  testid: 'conv-equations',
});
