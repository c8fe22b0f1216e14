/**
 * The renderer alone, in Chromium, against a stand-in host (fake-host.ts) that speaks the
 * real protocol: field errors before anything is sent, the connection badge through a lost
 * link, drag-to-decode, pause/resume and exports. The real host and trainer are exercised
 * by vae.test.ts.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  canvasPixels,
  dragOnScatter,
  inkPixels,
  isPng,
  lossChartPoints,
  screenshot,
  useLabPage,
} from './browser.js';
import { serveFake } from './fake-host.js';

let page: Page;
const lab = useLabPage(
  'ebm-fake-runs-',
  (runsDir) => serveFake({ runsDir, stepsPerEpoch: 20 }),
  (opened) => ({ page } = opened),
  { light: false },
);

describe('the lab against a stand-in host', () => {
  it('takes the token out of the address bar and shows the host backend', async () => {
    await expect.poll(() => page.getByTestId('connection').getAttribute('data-state')).toBe('open');
    expect(page.url()).not.toContain('token=');
    await expect.poll(() => page.getByTestId('backend-name').textContent()).toBe('wasm');
  });

  it('names the field and its range under a bad value and refuses to start', async () => {
    await page.getByTestId('field-beta').fill('-1');
    await expect
      .poll(() => page.getByTestId('field-beta-error').textContent())
      .toMatch(/β \(KL weight\) \(beta\) must be a number at least 0 and at most 100; got -1/);
    expect(await page.getByTestId('start').isDisabled()).toBe(true);
    await page.getByTestId('field-latentDim').fill('two');
    await expect.poll(() => page.getByTestId('field-latentDim-error').textContent()).toMatch(/got "two"/);
    await page.getByTestId('field-beta').fill('1');
    await page.getByTestId('field-latentDim').fill('2');
    expect(await page.getByTestId('start').isDisabled()).toBe(false);
  });

  it('draws the run live: curves gain points, the scatter fills, a drag changes the decoded digit', async () => {
    await page.getByTestId('field-epochs').fill('200');
    await page.getByTestId('start').click();
    await expect
      .poll(async () => (await lossChartPoints(page)).vertices, { timeout: 10_000 })
      .toBeGreaterThan(4);
    const first = (await lossChartPoints(page)).vertices;
    await expect
      .poll(async () => (await lossChartPoints(page)).vertices, { timeout: 10_000 })
      .toBeGreaterThan(first);
    await expect.poll(() => inkPixels(page, 'scatter'), { timeout: 10_000 }).toBeGreaterThan(200);

    await page.getByTestId('pause').click();
    await expect
      .poll(() => page.getByTestId('state-badge').first().getAttribute('data-state'))
      .toBe('paused');
    await dragOnScatter(page, 'scatter', [0.5, 0.5], [0.75, 0.5], 4);
    const before = await canvasPixels(page, 'preview');
    await dragOnScatter(page, 'scatter', [0.5, 0.5], [0.5, 0.2], 4);
    await expect.poll(async () => (await canvasPixels(page, 'preview')).join() !== before.join()).toBe(true);
    await page.getByTestId('resume').click();
    await expect
      .poll(() => page.getByTestId('state-badge').first().getAttribute('data-state'))
      .toBe('running');
  });

  it('exports the loss chart as PNG to the browser and to the run folder', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('loss-card').getByRole('button', { name: 'PNG' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('loss-curves.png');
    const bytes = new Uint8Array(await readFile((await download.path())!));
    expect(isPng(bytes)).toBe(true);
    await expect
      .poll(async () =>
        isPng(
          new Uint8Array(
            await readFile(join(lab.runsDir, 'fake-1', 'exports', 'loss-curves.png')).catch(() =>
              Buffer.alloc(0),
            ),
          ),
        ),
      )
      .toBe(true);
  });

  it('sends β and the learning rate live from the sliders', async () => {
    const slide = (testId: string, value: string) =>
      page.getByTestId(testId).evaluate((el, v) => {
        const input = el as unknown as { value: string; dispatchEvent(e: unknown): boolean };
        input.value = v;
        input.dispatchEvent(new Event('input', { bubbles: true }));
      }, value);
    await slide('live-beta', '2.5');
    await slide('live-learningRate', '-2');
    const setParams = () =>
      lab.server.commands.filter((c) => c.type === 'set-param').map((c) => [c.name, c.value]);
    await expect.poll(setParams).toContainEqual(['beta', 2.5]);
    await expect.poll(setParams).toContainEqual(['learningRate', 0.01]);
  });

  it('exports the metrics as CSV', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-csv').first().click(),
    ]);
    expect(download.suggestedFilename()).toBe('metrics.csv');
    const text = await readFile((await download.path())!, 'utf8');
    expect(text.split('\n')[0]).toBe('split,step,epoch,recon,kl,total');
    expect(text.split('\n').length).toBeGreaterThan(3);
  });

  it('trains a classic autoencoder beside the VAE and shows both latent spaces', async () => {
    await page.getByTestId('stop').click();
    await expect
      .poll(() => page.getByTestId('state-badge').first().getAttribute('data-state'))
      .toBe('stopped');
    await page.getByTestId('with-ae').check();
    await page.getByTestId('start').click();
    await expect.poll(() => page.getByTestId('state-badge').count()).toBe(2);
    await expect.poll(() => inkPixels(page, 'scatter-ae'), { timeout: 10_000 }).toBeGreaterThan(200);
    await expect.poll(() => inkPixels(page, 'samples-ae'), { timeout: 10_000 }).toBeGreaterThan(0);
    await screenshot(page, 'ui-vae-beside-ae-light.png');
  });

  it('shows a lost link and comes back by itself', async () => {
    lab.server.dropClients();
    await expect
      .poll(() => page.getByTestId('connection').getAttribute('data-state'), { timeout: 5_000 })
      .toBe('reconnecting');
    await expect
      .poll(() => page.getByTestId('connection').getAttribute('data-state'), { timeout: 15_000 })
      .toBe('open');
  });
});
