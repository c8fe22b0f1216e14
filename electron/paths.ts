/**
 * Where the built pieces lie, seen from the compiled main process (dist/electron/*.js):
 * dist/renderer (the page), dist/trainer/entry.js (the trainer), dist/electron/preload.cjs, and
 * the window's icon, assets/icons/256x256.png (scripts/icons.ts; package.json build.files).
 * Inside a packaged app these are in app.asar; Electron reads them from there.
 */
import { fileURLToPath } from 'node:url';

const from = (relative: string): string => fileURLToPath(new URL(relative, import.meta.url));

export const appPaths = {
  renderer: from('../renderer'),
  trainerEntry: from('../trainer/entry.js'),
  preload: from('./preload.cjs'),
  icon: from('../../assets/icons/256x256.png'),
} as const;
