/**
 * Exporting a view, a picture or the metrics: on the desktop the native save dialog asks
 * where, in browser mode the browser downloads the file; either way a copy is saved in the
 * run folder's exports/ (save-export) and the user is told where it went.
 */
import { metricsToCsv } from '../lib/csv.js';
import { canvasToPng, downloadBytes, exportName, rasterizeView } from '../lib/export.js';
import { t } from '../lib/i18n/translate.js';
import type { LabClient } from './lab-client.svelte.js';
import type { RunView } from './run-view.svelte.js';

async function keepCopy(
  client: LabClient,
  run: RunView | null,
  name: string,
  bytes: Uint8Array,
  mime: string,
): Promise<void> {
  let where = t('export.downloaded', { name });
  if (client.canSaveAs) {
    const path = await client.saveAs(name, bytes);
    where = path ? t('export.saved', { path }) : t('export.cancelled');
  } else downloadBytes(name, bytes, mime);
  if (!run) {
    client.notify('info', t('export.done', { where }));
    return;
  }
  try {
    const file = await client.saveExport(run.runId, name, bytes);
    client.notify('info', t('export.copy', { where, file }));
  } catch (error) {
    client.notify('error', t('export.copyFailed', { where, error: (error as Error).message }));
  }
}

/** Exports ready-made bytes (an SVG, a .npy, a PNG drawn elsewhere) the same way as a view. */
export async function exportFile(
  client: LabClient,
  run: RunView | null,
  name: string,
  bytes: Uint8Array,
  mime: string,
): Promise<void> {
  try {
    await keepCopy(client, run, name, bytes, mime);
  } catch (error) {
    client.notify('error', t('export.failed', { name, error: (error as Error).message }));
  }
}

export async function exportViewPng(
  client: LabClient,
  run: RunView | null,
  element: HTMLElement,
  base: string,
): Promise<void> {
  const name = exportName(base, 'png');
  try {
    const background = getComputedStyle(element).getPropertyValue('--surface').trim() || '#ffffff';
    const bytes = await canvasToPng(await rasterizeView(element, background));
    await keepCopy(client, run, name, bytes, 'image/png');
  } catch (error) {
    client.notify('error', t('export.failed', { name, error: (error as Error).message }));
  }
}

export async function exportMetricsCsv(client: LabClient, run: RunView): Promise<void> {
  const name = exportName(run.setting('variant') === 'ae' ? 'metrics-ae' : 'metrics', 'csv');
  const bytes = new TextEncoder().encode(metricsToCsv(run.train, run.test));
  await keepCopy(client, run, name, bytes, 'text/csv');
}
