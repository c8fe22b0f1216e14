/** The VAE lab's view of a run: its config, when the run is one of this lab's. */
import type { VaeConfig } from '../../../protocol/vae/config.js';
import type { RunView } from '../../state/run-view.svelte.js';

export const vaeConfigOf = (run: RunView | null | undefined): VaeConfig | null =>
  run?.spec?.lab === 'vae' ? run.spec.config : null;
