/** The convolutional lab's words and equations on its LabPage. */
import type { EquationSet, LabText, LectureClaim } from '../../components/lab-page.js';
import { sig } from '../../lib/measures.js';
import { convDecoderTex, convEncoderTex, convLossTex, convPsdTex, convTanhEncoderTex } from './equations.js';

/** The lecture's claims, beside this run's numbers. */
const lecture: readonly LectureClaim[] = [
  {
    says: 'A convolutional sparse code explains an image with few active feature-map coefficients.',
    source: '08-2, convolutional sparse coding',
    shows: (run) => {
      const info = run.arrays.maps?.info as Record<string, number> | undefined;
      if (!info) return null;
      const tanh = run.setting('nonlinearity') === 'tanh';
      const share = tanh
        ? `${sig(100 * info.smallFraction!)} % of |Z| below 1 % of its largest (tanh codes are never exactly 0)`
        : `${sig(100 * info.zeroFraction!)} % of Z exactly zero`;
      return `on the image shown: ${share}; ‖Z‖₁ = ${sig(info.l1!)}`;
    },
  },
];

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
  lecture: lecture,
};

export const convEquations = (psd: boolean, tanh: boolean): EquationSet => ({
  main: [convDecoderTex, convLossTex],
  side: [tanh ? convTanhEncoderTex : convEncoderTex, ...(psd ? [convPsdTex] : [])],
  testid: 'conv-equations',
});
