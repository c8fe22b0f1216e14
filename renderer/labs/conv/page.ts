/** The convolutional lab's words and equations on its LabPage. */
import type { EquationSet, LabText, LectureClaim } from '../../components/lab-page.js';
import { t } from '../../lib/i18n/translate.js';
import { sig } from '../../lib/measures.js';
import { convDecoderTex, convEncoderTex, convLossTex, convPsdTex, convTanhEncoderTex } from './equations.js';

/** The lecture's claims, beside this run's numbers. */
const lecture: readonly LectureClaim[] = [
  {
    get says() {
      return t('conv.lecture.says');
    },
    get source() {
      return t('conv.lecture.source');
    },
    shows: (run) => {
      const info = run.arrays.maps?.info as Record<string, number> | undefined;
      if (!info) return null;
      const tanh = run.setting('nonlinearity') === 'tanh';
      const share = tanh
        ? t('conv.lecture.small', { share: sig(100 * info.smallFraction!) })
        : t('conv.lecture.zero', { share: sig(100 * info.zeroFraction!) });
      return t('conv.lecture.shows', { share, l1: sig(info.l1!) });
    },
  },
];

export const convText: LabText = {
  get title() {
    return t('conv.title');
  },
  get blurb() {
    return t('conv.blurb');
  },
  welcome: {
    testid: 'conv-welcome',
    get title() {
      return t('conv.welcome.title');
    },
    get intro() {
      return t('conv.welcome.intro');
    },
    get items() {
      return [t('conv.welcome.sweep'), t('conv.welcome.single'), t('conv.welcome.lambda')];
    },
  },
  lecture: lecture,
};

export const convEquations = (psd: boolean, tanh: boolean): EquationSet => ({
  main: [convDecoderTex, convLossTex],
  side: [tanh ? convTanhEncoderTex : convEncoderTex, ...(psd ? [convPsdTex] : [])],
  testid: 'conv-equations',
});
