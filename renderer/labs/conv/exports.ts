/**
 * Saving the convolutional lab's kernel pictures from the window (issue 4): the current
 * model's encoder and decoder kernels, or the sweep picture, as PNG or SVG with the layout the
 * screen shows (protocol/conv-picture.ts); a download (or the desktop save dialog) plus a copy
 * in the run folder's exports/.
 */
import { kernelPanelSvg, type KernelRow } from '../../../protocol/conv/picture.js';
import { exportName } from '../../lib/export.js';
import { kernelHeadings, kernelPanelPng } from './picture.js';
import { exportFile } from '../../state/exporter.js';
import type { LabClient } from '../../state/lab-client.svelte.js';
import type { RunView } from '../../state/run-view.svelte.js';
import { t } from '../../lib/i18n/translate.js';

export type KernelFormat = 'png' | 'svg';

export async function saveKernelPicture(
  client: LabClient,
  run: RunView,
  what: 'kernels' | 'sweep',
  rows: readonly KernelRow[],
  k: number,
  step: number,
  format: KernelFormat,
): Promise<void> {
  if (!rows.length || !k)
    return client.notify('error', what === 'sweep' ? t('conv.save.noModels') : t('conv.save.noKernels'));
  const name = exportName(`${what}-step-${step}`, format);
  try {
    if (format === 'png') await exportFile(client, run, name, await kernelPanelPng(rows, k), 'image/png');
    else {
      const title = t(what === 'sweep' ? 'conv.save.sweepTitle' : 'conv.save.kernelsTitle', {
        runId: run.runId,
        step,
      });
      await exportFile(
        client,
        run,
        name,
        new TextEncoder().encode(kernelPanelSvg(rows, k, { title, headings: kernelHeadings() })),
        'image/svg+xml',
      );
    }
  } catch (error) {
    client.notify('error', t('export.saveFailed', { name, error: (error as Error).message }));
  }
}
