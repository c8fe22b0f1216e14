/**
 * Saving a dictionary snapshot from the window: PNG and SVG with the layout and contrast the
 * screen shows (protocol/filter-picture.ts), and the raw atoms as .npy (float32
 * [atoms, side, side]); each a download (or the desktop save dialog) plus a copy in the run
 * folder's exports/.
 */
import {
  atomGridOptions,
  atomPrintOptions,
  filterPicture,
  filterSvg,
} from '../../../protocol/filter-picture.js';
import type { ArraysEvent } from '../../../protocol/messages.js';
import { encodeNpy } from '../../../protocol/npy.js';
import { exportName } from '../../lib/export.js';
import { t } from '../../lib/i18n/translate.js';
import { filterSetOf, picturePng } from '../../lib/filter-picture.js';
import { exportFile } from '../../state/exporter.js';
import type { LabClient } from '../../state/lab-client.svelte.js';
import type { RunView } from '../../state/run-view.svelte.js';

export type DictionaryFormat = 'png' | 'svg' | 'npy';

export async function saveDictionary(
  client: LabClient,
  run: RunView,
  event: ArraysEvent,
  format: DictionaryFormat,
): Promise<void> {
  const set = filterSetOf(event);
  if (!set) return client.notify('error', t('sparse.save.none'));
  const name = exportName(`dictionary-step-${event.step}`, format);
  const options = atomGridOptions(set.height, set.count);
  try {
    if (format === 'png')
      await exportFile(
        client,
        run,
        name,
        await picturePng(filterPicture(set, atomPrintOptions(set.height, set.count))),
        'image/png',
      );
    else if (format === 'svg') {
      const svg = filterSvg(set, {
        ...options,
        title: t('sparse.save.svgTitle', { runId: run.runId, step: event.step }),
      });
      await exportFile(client, run, name, new TextEncoder().encode(svg), 'image/svg+xml');
    } else
      await exportFile(
        client,
        run,
        name,
        encodeNpy(set.values, [set.count, set.height, set.width]),
        'application/octet-stream',
      );
  } catch (error) {
    client.notify('error', t('export.saveFailed', { name, error: (error as Error).message }));
  }
}
