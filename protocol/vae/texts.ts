/** The VAE lab's coded sentences (protocol/texts.ts): its run's sentences. */
import { speaker, type TextTable } from '../texts.js';

export const vaeTexts = {
  vaeLabel: '{model} · d = {d}',
  vaeStopped: 'Stopped at step {step} of {steps}; kept the checkpoint of step {step}.',
  vaeDone: 'Trained {epochs} ({steps} steps) in {seconds} s{summary}.',
  vaeDoneSummary: '; test loss {loss} (reconstruction {recon}, KL {kl})',
} as const satisfies TextTable;

export const sayVae = speaker(vaeTexts);
