/**
 * Words and numbers in the window's language: English without a language source (Node), the
 * Italian catalogue once Italian is current, placeholders filled with numbers written the
 * language's way (a decimal comma in Italian), plurals chosen by count, typed decimal commas
 * read back, and the language picked from the browser's list.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { pickLanguage } from '../../../../renderer/lib/i18n/languages.js';
import { pluralForm } from '../../../../renderer/lib/i18n/message.js';
import {
  decimal,
  formatDate,
  formatNumber,
  t,
  undecimal,
  useLanguage,
} from '../../../../renderer/lib/i18n/translate.js';
import { keptText, readNumber, showNumber, shownText } from '../../../../renderer/lib/form.js';
import { fieldLabel } from '../../../../renderer/lib/field-text.js';

afterEach(() => useLanguage(() => 'en'));
const italian = () => useLanguage(() => 'it');

describe('t', () => {
  it('speaks English until a language is chosen, then the chosen one', () => {
    expect(t('run.start')).toBe('Start training');
    italian();
    expect(t('run.start')).toBe('Avvia l’addestramento');
  });

  it('fills placeholders, writing numbers the language’s way', () => {
    expect(t('progress.epoch', { epoch: 3, epochs: 10 })).toBe('epoch 3 / 10');
    expect(t('connection.reconnecting', { attempt: 2, seconds: 1.5 })).toBe('reconnecting (try 2, in 1.5 s)');
    italian();
    expect(t('connection.reconnecting', { attempt: 2, seconds: 1.5 })).toBe(
      'riconnessione (tentativo 2, tra 1,5 s)',
    );
    expect(t('progress.step', { step: formatNumber(12345), total: formatNumber(20000) })).toBe(
      'passo 12.345 / 20.000',
    );
  });

  it('names a lab’s settings in the language, the protocol’s English as the fallback', () => {
    expect(fieldLabel('vae', 'beta')).toBe('β (KL weight)');
    italian();
    expect(fieldLabel('vae', 'beta')).toBe('β (peso della KL)');
    expect(
      fieldLabel('vae', 'noSuchField', { kind: 'int', label: 'its own', help: '', min: 0, max: 1 }),
    ).toBe('its own');
  });
});

describe('plurals', () => {
  const runs = { one: '{count} run', other: '{count} runs' };
  it.each([
    ['en', 1, '{count} run'],
    ['en', 0, '{count} runs'],
    ['en', 2, '{count} runs'],
    ['it', 1, '{count} run'],
    ['it', 3, '{count} runs'],
  ])('%s, %i: %s', (lang, count, form) => {
    expect(pluralForm(runs, new Intl.PluralRules(lang), count)).toBe(form);
  });
});

describe('numbers and dates', () => {
  it('keeps English numbers as they are and gives Italian a decimal comma', () => {
    expect(decimal('0.5')).toBe('0.5');
    expect(showNumber(0.25)).toBe('0.25');
    expect(showNumber(0.001)).toBe('1.0e-3');
    italian();
    expect(decimal('0.5')).toBe('0,5');
    expect(decimal('12,345.6')).toBe('12.345,6');
    expect(showNumber(0.25)).toBe('0,25');
    expect(showNumber(0.001)).toBe('1,0e-3');
    expect(formatNumber(1234.5)).toBe('1234,5');
  });

  it('reads a typed decimal comma in Italian, never a thousands group in English', () => {
    expect(readNumber('0,5')).toBe('0,5');
    expect(undecimal('1,000')).toBe('1,000');
    italian();
    expect(readNumber('0,5')).toBe(0.5);
    expect(readNumber('1e-3')).toBe(0.001);
    expect(readNumber('1,2,3')).toBe('1,2,3');
  });

  it('shows a number field’s text the language’s way and keeps what is typed the English way', () => {
    expect(shownText('0.5')).toBe('0.5');
    expect(keptText('0,5')).toBe('0,5');
    italian();
    expect(shownText('0.5')).toBe('0,5');
    expect(shownText('0.')).toBe('0,');
    expect(shownText('1e-3')).toBe('1e-3');
    expect(shownText('1,2,3')).toBe('1,2,3');
    expect(keptText('0,5')).toBe('0.5');
    expect(keptText('0,')).toBe('0.');
    expect(keptText('1.5')).toBe('1.5');
    expect(shownText(keptText('0,25'))).toBe('0,25');
  });

  it('writes dates for the language', () => {
    const d = new Date(2026, 11, 3, 14, 5);
    const options = { month: 'short', day: 'numeric' } as const;
    expect(formatDate(d, options)).toBe('Dec 3');
    italian();
    expect(formatDate(d, options)).toBe('3 dic');
  });
});

describe('the default language', () => {
  it.each([
    [['it-IT', 'en'], 'it'],
    [['en-GB', 'it'], 'en'],
    [['de-DE', 'it-CH'], 'it'],
    [['fr'], 'en'],
    [[], 'en'],
  ])('%j → %s', (preferred, lang) => {
    expect(pickLanguage(preferred)).toBe(lang);
  });
});
