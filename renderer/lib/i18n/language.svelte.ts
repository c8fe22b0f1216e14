/**
 * The window's language as a rune: the saved choice, else the first of the browser's languages
 * the window speaks, else English. Choosing one is remembered (localStorage, like the theme),
 * sets <html lang> and re-renders every text read through t() (translate.ts reads this rune).
 */
import { safeStorage } from '../storage.js';
import { isLang, pickLanguage, type Lang } from './languages.js';
import { useLanguage } from './translate.js';

const STORAGE_KEY = 'ebm-lab-language';

export class Language {
  current = $state<Lang>('en');

  constructor() {
    const saved = safeStorage()?.getItem(STORAGE_KEY);
    const preferred = typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]);
    this.current = isLang(saved) ? saved : pickLanguage(preferred);
    useLanguage(() => this.current);
    this.apply();
  }

  set(lang: Lang): void {
    this.current = lang;
    safeStorage()?.setItem(STORAGE_KEY, lang);
    this.apply();
  }

  private apply(): void {
    if (typeof document !== 'undefined') document.documentElement.lang = this.current;
  }
}
