/**
 * The sentence over the LISTA chart in the window's language, worded from the view's numbers;
 * a view of an older run (its English sentence only) shows that sentence.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ArraysEvent } from '../../../../protocol/messages.js';
import { listaSentence } from '../../../../renderer/labs/sparse/page.js';
import { useLanguage } from '../../../../renderer/lib/i18n/translate.js';

afterEach(() => useLanguage(() => 'en'));

const view = (info: ArraysEvent['info']): ArraysEvent => ({
  type: 'arrays',
  runId: 'r',
  view: 'lista',
  step: 1,
  arrays: { fista: new Float32Array(301) },
  shapes: { fista: [301] },
  ...(info ? { info } : {}),
});

describe('the LISTA sentence', () => {
  it('says how many FISTA iterations K LISTA steps are worth, in English and in Italian', () => {
    const reached = view({ steps: 3, fistaEquivalent: 25, istaEquivalent: 90, sentence: 'old' });
    const never = view({ steps: 3, fistaEquivalent: -1, istaEquivalent: -1, sentence: 'old' });
    expect(listaSentence(reached)).toBe(
      'LISTA with K = 3 reaches the error FISTA reaches after 25 iterations',
    );
    expect(listaSentence(never)).toBe(
      'LISTA with K = 3 reaches the error FISTA reaches after more than 300 iterations',
    );
    useLanguage(() => 'it');
    expect(listaSentence(reached)).toBe(
      'LISTA con K = 3 raggiunge l’errore che FISTA raggiunge dopo 25 iterazioni',
    );
    expect(listaSentence(never)).toMatch(/dopo più di 300 iterazioni$/);
  });

  it('shows an older view’s own sentence, and none without a view', () => {
    expect(listaSentence(view({ sentence: 'As the trainer said it' }))).toBe('As the trainer said it');
    expect(listaSentence(null)).toBeNull();
  });
});
