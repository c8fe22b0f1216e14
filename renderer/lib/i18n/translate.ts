/**
 * Words and numbers in the current language: t(key, params) for a catalogue message,
 * formatNumber/decimal for numbers (a decimal comma in Italian), formatDate for dates. The
 * current language is read through `useLanguage`: the window's Language (language.svelte.ts)
 * installs a reader of its rune, so every template or $derived that calls t() follows a
 * switch; without one (Node, the unit tests) the language is English.
 */
import type { Catalogue, MessageKey, ParamsArg } from './catalogue.js';
import { languages, type Lang } from './languages.js';
import { fill, pluralForm, type Message, type ParamValue, type Plural } from './message.js';

let readLanguage: () => Lang = () => 'en';

/** Makes `read` the source of the current language (the window's Language; a test's constant). */
export function useLanguage(read: () => Lang): void {
  readLanguage = read;
}

export const currentLanguage = (): Lang => readLanguage();

const numberFormats = new Map<string, Intl.NumberFormat>();
const pluralRules = new Map<Lang, Intl.PluralRules>();

function numberFormat(lang: Lang, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const key = `${lang} ${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(lang, options);
    numberFormats.set(key, format);
  }
  return format;
}

/** A number for the current language: 1234.5 → "1,234.5" (en), "1234,5" (it). */
export function formatNumber(value: number, options?: Intl.NumberFormatOptions): string {
  return numberFormat(readLanguage(), options).format(value);
}

/** A number written the English way ("0.5", "1.2e-3", "12,345.6") with the current language's separators. */
export function decimal(text: string): string {
  const lang = readLanguage();
  if (lang === 'en') return text;
  const parts = numberFormat(lang).formatToParts(12345.6);
  const point = parts.find((p) => p.type === 'decimal')?.value ?? '.';
  const group = parts.find((p) => p.type === 'group')?.value ?? ',';
  return text.replace(/[.,]/g, (c) => (c === '.' ? point : group));
}

/**
 * Text typed in the current language back into the English way of writing a number: "0,5"
 * → "0.5" where the decimal separator is a comma (a single comma, no point: a thousands group
 * is never guessed); otherwise the text as it is.
 */
export function undecimal(text: string): string {
  const point = numberFormat(readLanguage())
    .formatToParts(1.5)
    .find((p) => p.type === 'decimal')?.value;
  if (point !== ',' || text.includes('.')) return text;
  return /^[^,]*,[^,]*$/.test(text) ? text.replace(',', '.') : text;
}

/** A date and time for the current language (Intl.DateTimeFormat). */
export function formatDate(date: Date, options: Intl.DateTimeFormatOptions): string {
  return new Intl.DateTimeFormat(readLanguage(), options).format(date);
}

function render(message: Message, params: Readonly<Record<string, ParamValue>>, lang: Lang): string {
  const show = (value: number): string => numberFormat(lang, { maximumFractionDigits: 6 }).format(value);
  if (typeof message === 'string') return fill(message, params, show);
  let rules = pluralRules.get(lang);
  if (!rules) {
    rules = new Intl.PluralRules(lang);
    pluralRules.set(lang, rules);
  }
  const count = Number(params.count ?? 0);
  return fill(pluralForm(message as Plural, rules, count), params, show);
}

/** The message `key` in the current language, its placeholders filled (numbers formatted for the language). */
export function t<K extends MessageKey>(key: K, ...rest: ParamsArg<K>): string {
  const lang = readLanguage();
  const catalogue: Catalogue = languages[lang].catalogue;
  return render(catalogue[key], (rest[0] ?? {}) as Readonly<Record<string, ParamValue>>, lang);
}

/** A message whose key is built at run time (a field of a lab's table); null when no catalogue has it. */
export function lookup(key: string, params: Readonly<Record<string, ParamValue>> = {}): string | null {
  const lang = readLanguage();
  const catalogue: Readonly<Record<string, Message>> = languages[lang].catalogue;
  return Object.hasOwn(catalogue, key) ? render(catalogue[key]!, params, lang) : null;
}
