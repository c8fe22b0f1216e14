import { describe, expect, it } from 'vitest';
import { contrastivePresets } from '../../protocol/contrastive/config.js';
import { convPresets } from '../../protocol/conv/config.js';
import { sparsePresets } from '../../protocol/sparse/config.js';
import type { DoneEvent } from '../../protocol/messages.js';
import { epochsWord, saidAsIs } from '../../protocol/texts.js';
import { sayVae } from '../../protocol/vae/texts.js';
import { useLanguage } from '../../renderer/lib/i18n/translate.js';
import { contrastiveFormFromConfig } from '../../renderer/labs/contrastive/form.js';
import { formFromConvConfig } from '../../renderer/labs/conv/form.js';
import { sparseFormFromConfig } from '../../renderer/labs/sparse/form.js';
import { matchingPreset, numbersOf, readNumbers, showNumber } from '../../renderer/lib/form.js';
import { closingSentence, describeValues } from '../../renderer/lib/live-values.js';

describe('the forms every lab shares', () => {
  it('writes numbers as text and reads them back, naming what is not a number', () => {
    const text = numbersOf(['a', 'b'] as const, { a: 0.5, b: 3 });
    expect(text).toEqual({ a: '0.5', b: '3' });
    expect(readNumbers(['a', 'b', 'c'] as const, { a: ' 2 ', b: 'x' })).toEqual({ a: 2, b: 'x', c: '' });
  });

  it.each([
    ['sparse', sparsePresets, sparseFormFromConfig],
    ['conv', convPresets, formFromConvConfig],
    ['contrastive', contrastivePresets, contrastiveFormFromConfig],
  ] as const)(
    'finds the %s preset a form holds, whatever its seed, and custom once edited',
    (_, presets, formOf) => {
      const match = matchingPreset as (
        p: typeof presets,
        f: ReturnType<typeof formOf>,
        o: typeof formOf,
      ) => string;
      for (const name of Object.keys(presets) as (keyof typeof presets)[]) {
        const form = formOf(presets[name] as never);
        form.numbers = { ...form.numbers, seed: '12345' };
        expect(match(presets, form, formOf)).toBe(name);
      }
      const edited = formOf(Object.values(presets)[0] as never);
      edited.numbers = { ...edited.numbers, learningRate: '0.123456' };
      expect(match(presets, edited, formOf)).toBe('custom');
    },
  );

  it('shows numbers with three digits, and an exponent when tiny', () => {
    expect(showNumber(4)).toBe('4');
    expect(showNumber(0.123456)).toBe('0.123');
    expect(showNumber(0.001)).toBe('1.0e-3');
    expect(showNumber(0)).toBe('0');
  });
});

describe('the closing sentence', () => {
  const done: DoneEvent = {
    type: 'done',
    runId: 'r',
    reason: 'completed',
    ...sayVae('vaeDone', {
      epochs: epochsWord(10),
      steps: 400,
      seconds: '12.5',
      summary: sayVae('vaeDoneSummary', { loss: '174.3', recon: '159.8', kl: '3.6' }),
    }),
  };

  it('names the values changed while the run trained', () => {
    const params = { beta: { label: 'β (KL weight)', value: 4 } };
    expect(closingSentence(done, params)).toBe(
      'Trained 10 epochs (400 steps) in 12.5 s; test loss 174.3 (reconstruction 159.8, KL 3.6). Changed while it trained: β (KL weight) = 4.',
    );
  });

  it('is worded in the window’s language, numbers with a decimal comma', () => {
    useLanguage(() => 'it');
    try {
      expect(closingSentence(done, {})).toBe(
        'Addestrato per 10 epoche (400 passi) in 12,5 s; loss di test 174,3 (ricostruzione 159,8, KL 3,6).',
      );
    } finally {
      useLanguage(() => 'en');
    }
  });

  it('is the trainer’s own when nothing changed, and has a start of its own when the trainer said nothing', () => {
    expect(closingSentence(done, {})).toBe(done.message);
    expect(
      closingSentence({ ...done, reason: 'stopped', ...saidAsIs('') }, { lr: { label: 'η', value: 0.5 } }),
    ).toBe('Training stopped. Changed while it trained: η = 0.5.');
    expect(
      describeValues([
        { label: 'λ', value: 0.25 },
        { label: 'η', value: 2 },
      ]),
    ).toBe('λ = 0.25, η = 2');
  });
});
