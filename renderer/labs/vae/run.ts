/** The VAE lab's view of a run: its config, when the run is one of this lab's. */
import { isBetaZeroTwin, type VaeConfig } from '../../../protocol/vae/config.js';
import type { RunView } from '../../state/run-view.svelte.js';

export const vaeConfigOf = (run: RunView | null | undefined): VaeConfig | null =>
  run?.spec?.lab === 'vae' ? run.spec.config : null;

/** The β = 0 run of a pair (protocol/vae/config.ts, betaZeroTwin). */
export const isTwinRun = (run: RunView | null | undefined): boolean => {
  const config = vaeConfigOf(run);
  return !!config && isBetaZeroTwin(config);
};
