/** The contrastive lab's words and equations on its LabPage. */
import type { EquationSet, LabText, LectureClaim } from '../../components/lab-page.js';
import { lastValue, sig } from '../../lib/measures.js';
import type { ContrastiveLoss } from '../../../models/contrastive/config.js';
import {
  infoNceTex,
  lossTex,
  pirlHTex,
  pirlLossTex,
  pirlNceTex,
  queueTex,
  similarityTex,
  viewsTex,
} from './equations.js';

/** The lecture's claims, beside this run's numbers. */
const lecture: readonly LectureClaim[] = [
  {
    says: 'Features learned without labels are useful: a linear classifier on them beats one on raw pixels and one on a random network.',
    source: '08-1, self-supervised learning; SimCLR, PIRL',
    shows: (run) => {
      const [probe, random, pixels] = [
        lastValue(run.test, 'probe'),
        lastValue(run.test, 'random'),
        lastValue(run.test, 'pixels'),
      ];
      if (random === null || pixels === null) return null;
      const pc = (x: number) => `${sig(100 * x)} %`;
      return probe === null
        ? `before training: random encoder ${pc(random)}, raw pixels ${pc(pixels)} (test accuracy of the linear probe)`
        : `linear probe ${pc(probe)} on the learned features vs ${pc(random)} on a random encoder and ${pc(pixels)} on raw pixels`;
    },
  },
  {
    says: 'The loss pulls the two views of an image together and pushes other images away.',
    source: '08-1, contrastive methods',
    shows: (run) => {
      const [pos, neg] = [lastValue(run.train, 'positive'), lastValue(run.train, 'negative')];
      return pos === null || neg === null
        ? null
        : `mean cosine similarity ${sig(pos)} between the two views of a digit, ${sig(neg)} between different digits`;
    },
  },
];

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
  lecture: lecture,
};

/** The equations of the loss a run computes (or the form would start). */
export function contrastiveEquations(loss: ContrastiveLoss): EquationSet {
  const testid = 'contrastive-equations';
  if (loss === 'pirl-nce')
    return {
      main: [pirlNceTex],
      side: [pirlHTex, pirlLossTex, similarityTex],
      note: [
        "PIRL's NCE: each embedding against its own image's memory-bank entry m_I (the positive) and K entries of other images, drawn from the D in the bank (the negatives); f and g are the two heads.",
        'contrastive-loss-note',
      ],
      testid,
    };
  return {
    main: [infoNceTex],
    side: loss === 'info-nce' ? [similarityTex, queueTex] : [similarityTex, viewsTex, lossTex],
    note: [
      loss === 'info-nce'
        ? 'InfoNCE, one direction (CPC; a queue of past embeddings as in MoCo): a softmax over the positive and the negatives.'
        : "SimCLR's NT-Xent: each of the 2N views against its partner and the 2N − 2 other views (and the queue, if any).",
      'contrastive-loss-note',
    ],
    testid,
  };
}
