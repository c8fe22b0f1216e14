/** The contrastive lab's words and equations on its LabPage. */
import type { EquationSet, LabText, LectureClaim } from '../../components/lab-page.js';
import { t } from '../../lib/i18n/translate.js';
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
    get says() {
      return t('contrastive.lecture.probe.says');
    },
    get source() {
      return t('contrastive.lecture.probe.source');
    },
    shows: (run) => {
      const [probe, random, pixels] = [
        lastValue(run.test, 'probe'),
        lastValue(run.test, 'random'),
        lastValue(run.test, 'pixels'),
      ];
      if (random === null || pixels === null) return null;
      const pc = (x: number) => `${sig(100 * x)} %`;
      return probe === null
        ? t('contrastive.lecture.probe.before', { random: pc(random), pixels: pc(pixels) })
        : t('contrastive.lecture.probe.after', { probe: pc(probe), random: pc(random), pixels: pc(pixels) });
    },
  },
  {
    get says() {
      return t('contrastive.lecture.pull.says');
    },
    get source() {
      return t('contrastive.lecture.pull.source');
    },
    shows: (run) => {
      const [pos, neg] = [lastValue(run.train, 'positive'), lastValue(run.train, 'negative')];
      return pos === null || neg === null
        ? null
        : t('contrastive.lecture.pull.shows', { positive: sig(pos), negative: sig(neg) });
    },
  },
];

export const contrastiveText: LabText = {
  get title() {
    return t('contrastive.title');
  },
  get blurb() {
    return t('contrastive.blurb');
  },
  welcome: {
    testid: 'contrastive-welcome',
    get title() {
      return t('contrastive.welcome.title');
    },
    get intro() {
      return t('contrastive.welcome.intro');
    },
    get items() {
      return [
        t('contrastive.welcome.views'),
        t('contrastive.welcome.similarities'),
        t('contrastive.welcome.clusters'),
        t('contrastive.welcome.probe'),
      ];
    },
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
      note: [t('contrastive.note.pirl'), 'contrastive-loss-note'],
      testid,
    };
  return {
    main: [infoNceTex],
    side: loss === 'info-nce' ? [similarityTex, queueTex] : [similarityTex, viewsTex, lossTex],
    note: [
      loss === 'info-nce' ? t('contrastive.note.infoNce') : t('contrastive.note.ntXent'),
      'contrastive-loss-note',
    ],
    testid,
  };
}
