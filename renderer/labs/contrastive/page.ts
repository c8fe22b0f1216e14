/** The contrastive lab's words and equations on its LabPage. */
import type { EquationSet, LabText } from '../../components/lab-page.js';
import { infoNceTex, lossTex, similarityTex, viewsTex } from './equations.js';

export const contrastiveText: LabText = {
  title: 'Contrastive embeddings · SimCLR and PIRL on MNIST',
  blurb:
    "Two augmentations of one digit form a positive pair; the other digits of the batch are negatives. The network pulls positives together and pushes negatives apart without a label; a linear probe then tells how much of the digit's identity the features hold.",
  welcome: {
    testid: 'contrastive-welcome',
    title: 'Learn digit features without labels',
    intro: 'Pick a preset on the left and press Start training.',
    items: [
      'The two views of each digit: see what the augmentations do.',
      'Positive similarities climb towards 1 while the negatives stay spread around 0.',
      'The test digits fall into clusters by class — the labels only colour the dots.',
      'A linear probe on the learned features beats the same probe on raw pixels.',
    ],
  },
};

export const contrastiveEquations: EquationSet = {
  main: [infoNceTex],
  side: [similarityTex, viewsTex, lossTex],
  testid: 'contrastive-equations',
};
