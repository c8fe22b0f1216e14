/**
 * Exporting a view or the metrics: the browser downloads the file and a copy is saved in
 * the run folder's exports/ (save-export); the user is told where it went.
 */
import { metricsToCsv } from '../lib/csv.js';
import { canvasToPng, downloadBytes, exportName, rasterizeView } from '../lib/export.js';
import type { LabClient } from './lab-client.svelte.js';
import type { RunView } from './run-view.svelte.js';

async function keepCopy(
  client: LabClient,
  run: RunView | null,
  name: string,
  bytes: Uint8Array,
): Promise<void> {
  if (!run) {
    client.notify('info', `Downloaded ${name}.`);
    return;
  }
  try {
    const file = await client.saveExport(run.runId, name, bytes);
    client.notify('info', `Downloaded ${name}; a copy is in the run folder as ${file}.`);
  } catch (error) {
    client.notify('error', `Downloaded ${name}, but the run folder copy failed: ${(error as Error).message}`);
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
    downloadBytes(name, bytes, 'image/png');
    await keepCopy(client, run, name, bytes);
  } catch (error) {
    client.notify('error', `Could not export ${name}: ${(error as Error).message}`);
  }
}

export async function exportMetricsCsv(client: LabClient, run: RunView): Promise<void> {
  const name = exportName(run.config?.variant === 'ae' ? 'metrics-ae' : 'metrics', 'csv');
  const bytes = new TextEncoder().encode(metricsToCsv(run.train, run.test));
  downloadBytes(name, bytes, 'text/csv');
  await keepCopy(client, run, name, bytes);
}
