/**
 * Light and dark themes: the first choice follows prefers-color-scheme, a toggle overrides
 * it (remembered). Canvas painters read the colours from here since CSS does not reach them.
 */
import type { Rgb } from '../lib/images.js';
import { safeStorage } from '../lib/storage.js';

export type ThemeMode = 'light' | 'dark';

export interface ThemeColors {
  readonly background: string;
  readonly surface: string;
  readonly text: string;
  readonly muted: string;
  readonly grid: string;
  /** Digit pixels: ink on paper. */
  readonly ink: Rgb;
  readonly paper: Rgb;
  readonly gap: Rgb;
}

const palettes: Record<ThemeMode, ThemeColors> = {
  light: {
    background: '#f4f5f7',
    surface: '#ffffff',
    text: '#111418',
    muted: '#4a5360',
    grid: '#d9dde3',
    ink: [17, 20, 24],
    paper: [255, 255, 255],
    gap: [222, 226, 232],
  },
  dark: {
    background: '#0f1216',
    surface: '#181c22',
    text: '#f1f3f6',
    muted: '#aab3bf',
    grid: '#323944',
    ink: [245, 247, 250],
    paper: [0, 0, 0],
    gap: [50, 57, 68],
  },
};

const STORAGE_KEY = 'ebm-lab-theme';

export class Theme {
  mode = $state<ThemeMode>('light');
  colors: ThemeColors = $derived(palettes[this.mode]);

  constructor() {
    const saved = safeStorage()?.getItem(STORAGE_KEY);
    if (saved === 'light' || saved === 'dark') this.mode = saved;
    else if (typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches)
      this.mode = 'dark';
    this.apply();
  }

  toggle(): void {
    this.mode = this.mode === 'dark' ? 'light' : 'dark';
    safeStorage()?.setItem(STORAGE_KEY, this.mode);
    this.apply();
  }

  set(mode: ThemeMode): void {
    this.mode = mode;
    this.apply();
  }

  private apply(): void {
    if (typeof document !== 'undefined') document.documentElement.dataset.theme = this.mode;
  }
}
