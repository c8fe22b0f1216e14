/**
 * What every lab's form does the same way: each control holds text (what the user typed), the
 * config is parsed from it with the protocol's own parser (so the window refuses exactly what
 * the host refuses), each error sentence lands under its field, and a config can be written
 * back into text (a preset, a reopened run).
 */
import type { FieldError, Validation } from '../../protocol/fields.js';
import type { LabName } from '../../protocol/labs.js';
import { word } from './i18n/said.js';
import { decimal, undecimal } from './i18n/translate.js';

/** Text into the value the parser checks: a finite number (a decimal comma where the language writes one), or the text itself (to be named in the error). */
export function readNumber(text: string): number | string {
  const trimmed = text.trim();
  if (trimmed === '') return trimmed;
  const value = Number(undecimal(trimmed));
  return Number.isFinite(value) ? value : trimmed;
}

/** A plain number as JavaScript writes it, or one being typed ("0.", ".5", "1e-"). */
const plainNumber = /^-?\d*(\.\d*)?(e[-+]?\d*)?$/i;

/**
 * A number field's text as the window shows it: a plain number the language's way ("0.5" →
 * "0,5" in Italian: presets, reopened runs, values set by a slider), anything else as it is.
 */
export const shownText = (text: string): string => (plainNumber.test(text) ? decimal(text) : text);

/**
 * What the user typed, kept the English way ("0,5" → "0.5" in Italian), so the form holds
 * the same text in every language and a switch of language never makes it wrong.
 */
export const keptText = (typed: string): string => undecimal(typed);

/** Error sentences by field, in the window's language; two errors about one field are joined. */
export function errorsByField(errors: readonly FieldError[], lab: LabName): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of errors) {
    const text = word(e, lab);
    out[e.field] = out[e.field] ? `${out[e.field]} ${text}` : text;
  }
  return out;
}

export interface FormCheck<C> {
  readonly config: C | null;
  /** Error sentences by field ('config' for one about no field). */
  readonly errors: Readonly<Record<string, string>>;
}

/** A parser's answer as the form of `lab` shows it. */
export function checked<C>(result: Validation<C>, lab: LabName): FormCheck<C> {
  return result.ok
    ? { config: result.value, errors: {} }
    : { config: null, errors: errorsByField(result.errors, lab) };
}

/** The numeric fields `keys` of a config as the text the form holds. */
export function numbersOf<K extends string>(
  keys: readonly K[],
  config: Readonly<Record<K, number>>,
): Record<K, string> {
  return Object.fromEntries(keys.map((k) => [k, String(config[k])])) as Record<K, string>;
}

/** The text fields `keys` read back into numbers (or the text, for the parser to name). */
export function readNumbers<K extends string>(
  keys: readonly K[],
  numbers: Readonly<Record<string, string>>,
): Record<K, number | string> {
  return Object.fromEntries(keys.map((k) => [k, readNumber(numbers[k] ?? '')])) as Record<K, number | string>;
}

/**
 * The preset whose form equals `form` but for the seed, or 'custom'. `formOf` writes a preset's
 * config as a form, so every control counts, not only the numbers.
 */
export function matchingPreset<N extends string, C, F extends { numbers: Record<string, string> }>(
  presets: Readonly<Record<N, C>>,
  form: F,
  formOf: (config: C) => F,
): N | 'custom' {
  const key = (f: F): string => JSON.stringify({ ...f, numbers: { ...f.numbers, seed: '' } });
  const mine = key(form);
  for (const name of Object.keys(presets) as N[]) if (key(formOf(presets[name])) === mine) return name;
  return 'custom';
}

/** A number as a slider or a status line shows it: three significant digits, exponent when tiny or huge. */
export function showNumber(value: number): string {
  return decimal(
    value !== 0 && (Math.abs(value) < 0.01 || Math.abs(value) >= 1000)
      ? value.toExponential(1)
      : String(Number(value.toPrecision(3))),
  );
}

/** The names of a lab's number fields (a protocol field table), in the table's order. */
export const fieldNames = <F extends object>(fields: F): (keyof F & string)[] =>
  Object.keys(fields) as (keyof F & string)[];
