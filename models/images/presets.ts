/**
 * Patch presets for the sparse-coding lab (issue 3), plain data for its config:
 * - '8x8': 8×8 patches and 64 atoms (complete), small enough to watch the dictionary learn live.
 * - '16x16': 16×16 patches and 192 atoms, the setting of Olshausen & Field 1996 (Nature 381,
 *   "Emergence of simple-cell receptive field properties by learning a sparse code for
 *   natural images", Fig. 4: 192 basis functions on 16×16 patches of whitened images).
 * Both whiten whole images with R(f) = f·exp(−(f/f₀)⁴), f₀ = 0.4 cycles/pixel, as O&F do,
 * then remove each patch's mean and normalise its contrast.
 */

export type PatchPresetId = '8x8' | '16x16';
export type PatchWhitening = 'olshausen-field' | 'zca' | 'none';

export interface PatchPreset {
  readonly id: PatchPresetId;
  /** A short label for the UI. */
  readonly label: string;
  /** p: patches are p×p pixels. */
  readonly patchSize: number;
  /** Dictionary atoms (columns of W). */
  readonly atoms: number;
  /** Patches per dictionary step (O&F's sparsenet used 100). */
  readonly batchSize: number;
  /** Whitening before patches are cut (olshausen-field, on whole images) or after (zca). */
  readonly whitening: PatchWhitening;
  /** Where the numbers come from. */
  readonly source: string;
}

export const patchPresets: Readonly<Record<PatchPresetId, PatchPreset>> = {
  '8x8': {
    id: '8x8',
    label: '8×8 patches, 64 atoms (live)',
    patchSize: 8,
    atoms: 64,
    batchSize: 100,
    whitening: 'olshausen-field',
    source: 'complete dictionary small enough for live training',
  },
  '16x16': {
    id: '16x16',
    label: '16×16 patches, 192 atoms (Olshausen & Field 1996)',
    patchSize: 16,
    atoms: 192,
    batchSize: 100,
    whitening: 'olshausen-field',
    source: 'Olshausen & Field 1996, Nature 381:607–609, Fig. 4',
  },
};
