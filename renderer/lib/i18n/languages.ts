/**
 * The languages the window speaks: a catalogue file each (en.ts is the source of the keys) and
 * the language's own name for the switch. Adding a language is a file and a line here.
 */
import type { Catalogue } from './catalogue.js';
import { english } from './en.js';
import { italian } from './it.js';

export const languages = {
  en: { name: 'English', catalogue: english },
  it: { name: 'Italiano', catalogue: italian },
} as const satisfies Readonly<Record<string, { readonly name: string; readonly catalogue: Catalogue }>>;

export type Lang = keyof typeof languages;

export const languageCodes = Object.keys(languages) as Lang[];

export const isLang = (value: unknown): value is Lang =>
  typeof value === 'string' && Object.hasOwn(languages, value);

/** The first of the user's languages (navigator.languages: "it-IT", "en") the window speaks; else English. */
export function pickLanguage(preferred: readonly string[]): Lang {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split(/[-_]/)[0];
    if (isLang(base)) return base;
  }
  return 'en';
}
