/** The VAE lab's coded sentences (protocol/texts.ts): its run's sentences. */
import { speaker, type TextTable } from '../texts.js';

export const vaeTexts = {} as const satisfies TextTable;

export const sayVae = speaker(vaeTexts);
