/**
 * End to end in Chromium, browser mode: the real host serves the built renderer and forks a
 * real trainer; the page picks the sparse-coding lab, learns a small dictionary on dead-leaves
 * patches, and a student sees the atom grid drawn (non-blank pixels), ISTA vs FISTA's energy
 * gap chart with paths, and saves the dictionary as PNG and SVG (downloads that decode, and
 * copies in the run folder). Light and dark screenshots go to test-results/.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { decodePng, inkPixels, realHost, resultsDir, screenshot, themeOf, useLabPage } from './browser.js';

let page: Page;
const lab = useLabPage('ebm-e2e-sparse-', realHost, (opened) => ({ page } = opened));

/** Vertices of the paths of an SVG chart. */
const pathVertices = (p: Page, testId: string): Promise<number> =>
  p.evaluate((id) => {
    const svg = (
      globalThis as unknown as {
        document: {
          querySelector(
            s: string,
          ): { querySelectorAll(s: string): Iterable<{ getAttribute(n: string): string | null }> } | null;
        };
      }
    ).document.querySelector(`svg[data-testid="${id}"]`);
    let n = 0;
    for (const path of svg?.querySelectorAll('path[data-curve]') ?? [])
      n += (path.getAttribute('d') ?? '').match(/[ML]/g)?.length ?? 0;
    return n;
  }, testId);

describe('the sparse-coding lab in a browser, on the real host and trainer', () => {
  it('is picked in the sidebar and shows its equations and controls', async () => {
    await expect.poll(() => page.getByTestId('connection').getAttribute('data-state')).toBe('open');
    await page.getByTestId('lab-sparse').click();
    await expect.poll(() => page.getByTestId('sparse-welcome').isVisible()).toBe(true);
    expect(await page.getByTestId('sparse-equations').textContent()).toContain('λ');
  });

  it('MNIST takes codes z ≥ 0 and says so in its equation; Signed z gives the lecture’s E as written', async () => {
    await page.getByTestId('preset-mnist').click();
    const equation = () => page.getByTestId('sparse-equations').textContent();
    await expect.poll(() => page.getByTestId('codes-non-negative').getAttribute('aria-pressed')).toBe('true');
    expect(await equation()).toContain('≥');
    expect(await equation()).toContain('Hoyer 2002');
    await page.getByTestId('codes-signed').click();
    await expect.poll(equation).not.toContain('≥');
    await page.getByTestId('preset-mnist').click();
    await expect.poll(() => page.getByTestId('codes-non-negative').getAttribute('aria-pressed')).toBe('true');
  });

  it('trains a small dictionary: the atom grid draws and the energy-gap chart has paths', async () => {
    await page.getByTestId('preset-patches8').click();
    for (const [field, value] of [
      ['atoms', '16'],
      ['patchSize', '6'],
      ['patchCount', '3000'],
      ['batchSize', '50'],
      ['epochs', '4'],
      ['codeIterations', '30'],
    ] as const)
      await page.getByTestId(`field-${field}`).fill(value);
    await page.getByTestId('start').click();
    await expect.poll(() => inkPixels(page, 'atom-grid'), { timeout: 60_000 }).toBeGreaterThan(1000);
    await expect.poll(() => pathVertices(page, 'energy-gap'), { timeout: 60_000 }).toBeGreaterThan(50);
    await expect
      .poll(() => page.getByTestId('sample-nonzero').textContent(), { timeout: 30_000 })
      .toMatch(/of 16$/);
    await screenshot(page, 'sparse-training-light.png');
  });

  it('saves the dictionary as PNG and SVG downloads that decode, with copies in the run folder', async () => {
    const runId = await page.getByTestId('run-progress').first().getAttribute('data-run-id');
    const save = async (kind: 'png' | 'svg') => {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId(`save-${kind}`).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(new RegExp(`^dictionary-step-\\d+\\.${kind}$`));
      const bytes = await readFile((await download.path())!);
      await writeFile(join(resultsDir, `sparse-download.${kind}`), bytes);
      return { name: download.suggestedFilename(), bytes };
    };
    const png = await save('png');
    const picture = decodePng(png.bytes);
    expect(Math.max(picture.width, picture.height)).toBeGreaterThanOrEqual(1000); // printable
    const svg = await save('svg');
    expect(svg.bytes.toString('utf8')).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg.bytes.toString('utf8').match(/<image /g)).toHaveLength(16);
    for (const file of [png.name, svg.name]) {
      const saved = join(lab.runsDir, runId!, 'exports', file);
      await expect
        .poll(async () => (await readFile(saved).catch(() => Buffer.alloc(0))).length)
        .toBeGreaterThan(100);
    }
    decodePng(await readFile(join(lab.runsDir, runId!, 'exports', png.name)));
  });

  it('finishes, steps back through snapshots, and keeps a dark screenshot', async () => {
    await expect
      .poll(() => page.getByTestId('state-badge').first().getAttribute('data-state'), { timeout: 120_000 })
      .toBe('done');
    const slider = page.getByTestId('snapshot-slider');
    await slider.fill('0');
    await expect.poll(() => page.getByTestId('dictionary-card').textContent()).toContain('step 0');
    // The lecture's claims beside this run's numbers: ISTA vs FISTA iterations, active atoms.
    const measured = page.getByTestId('lecture-measured');
    await expect.poll(() => measured.nth(0).textContent()).toMatch(/^to 1 % of the first energy gap: ISTA /);
    await expect.poll(() => measured.nth(1).textContent()).toMatch(/active atoms per sample of \d+/);
    await page.getByTestId('theme-toggle').click();
    await expect.poll(() => themeOf(page)).toBe('dark');
    await page.waitForTimeout(300);
    await screenshot(page, 'sparse-training-dark.png');
    await page.getByTestId('lecture-panel').screenshot({ path: join(resultsDir, 'sparse-lecture-dark.png') });
  });

  it('deleting the run on show takes its views off the page (the welcome card comes back)', async () => {
    const runId = await page.getByTestId('run-progress').first().getAttribute('data-run-id');
    const row = page.locator(`[data-testid="run-item"][data-run-id="${runId}"]`);
    await row.getByTestId('run-delete').click();
    await row.getByTestId('delete-yes').click();
    await expect.poll(() => row.count()).toBe(0);
    await expect.poll(() => page.getByTestId('sparse-welcome').isVisible()).toBe(true);
    expect(await page.getByTestId('dictionary-card').count()).toBe(0);
  });
});
