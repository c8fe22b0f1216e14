/**
 * End to end in Chromium, browser mode: the real host serves the built renderer and forks a
 * real trainer; the page picks the contrastive lab, trains a tiny SimCLR, and a student sees
 * the positive pairs and the embedding map drawn (non-blank canvas pixels), the similarity
 * histogram with bars of both kinds, and the probe chart (the map is of z); reopening the finished
 * run fills the form with its settings; then a comparison of two τ overlays
 * two probe curves. Light and dark screenshots go to test-results/.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { inkPixels, realHost, screenshot, themeOf, useLabPage } from './browser.js';

let page: Page;
useLabPage('ebm-e2e-contrastive-', realHost, (opened) => ({ page } = opened));

const count = (p: Page, selector: string): Promise<number> => p.locator(selector).count();

describe('the contrastive lab in a browser, on the real host and trainer', () => {
  it('is picked in the sidebar and shows the InfoNCE loss and its controls', async () => {
    await expect.poll(() => page.getByTestId('connection').getAttribute('data-state')).toBe('open');
    await page.getByTestId('lab-contrastive').click();
    await expect.poll(() => page.getByTestId('contrastive-welcome').isVisible()).toBe(true);
    expect(await page.getByTestId('contrastive-equations').textContent()).toContain('τ');
  });

  it('refuses a bad τ under its field', async () => {
    await page.getByTestId('field-temperature').fill('0');
    await expect
      .poll(() => page.getByTestId('field-temperature-error').textContent())
      .toContain('temperature τ (temperature) must be a number at least 0.01');
    expect(await page.getByTestId('start').isDisabled()).toBe(true);
  });

  it('trains a tiny run: the pairs grid and the map draw, the histogram has bars of both kinds', async () => {
    await page.getByTestId('preset-tiny').click();
    for (const [field, value] of [
      ['epochs', '3'],
      ['stepsPerEpoch', '8'],
    ] as const)
      await page.getByTestId(`field-${field}`).fill(value);
    await page.getByTestId('start').click();
    await expect.poll(() => inkPixels(page, 'pairs-grid'), { timeout: 60_000 }).toBeGreaterThan(500);
    await expect.poll(() => inkPixels(page, 'embedding-map'), { timeout: 60_000 }).toBeGreaterThan(500);
    await expect.poll(() => count(page, 'rect[data-bar="positive"]'), { timeout: 30_000 }).toBeGreaterThan(0);
    expect(await count(page, 'rect[data-bar="negative"]')).toBeGreaterThan(0);
    const histogram = await page.getByTestId('similarity-histogram').textContent();
    expect(histogram).toContain('cosine similarity');
    expect(histogram).toContain('pairs');
    await expect
      .poll(() => page.getByTestId('state-badge').first().getAttribute('data-state'), { timeout: 60_000 })
      .toBe('done');
    await expect
      .poll(() => count(page, 'svg[data-testid="probe-chart"] circle'), { timeout: 10_000 })
      .toBe(4);
    expect(await page.getByTestId('embedding-map').getAttribute('data-space')).toBe('z');
    expect(await page.getByText('PCA of the normalised embedding z').count()).toBeGreaterThan(0);
    // The lecture's claim beside this run's own numbers: the probe vs a random encoder and pixels.
    await expect
      .poll(() => page.getByTestId('lecture-measured').first().textContent())
      .toMatch(/^linear probe \d+(\.\d+)? % on the learned features vs \d+(\.\d+)? % on a random encoder/);
    await screenshot(page, 'contrastive-tiny-light.png');
  });

  it('reopening the finished run fills the form with its settings, not the defaults', async () => {
    await page.getByTestId('preset-default').click();
    expect(await page.getByTestId('field-epochs').inputValue()).toBe('10');
    await page.locator('[data-testid="runs-list"] button.refresh').click();
    const entry = page.locator('[data-testid="runs-list"] li button[title*="contrastive"]').first();
    await expect.poll(() => entry.count(), { timeout: 10_000 }).toBe(1);
    await entry.click();
    await expect.poll(() => page.getByTestId('field-epochs').inputValue(), { timeout: 10_000 }).toBe('3');
    expect(await page.getByTestId('field-stepsPerEpoch').inputValue()).toBe('8');
    expect(await page.getByTestId('field-batchSize').inputValue()).toBe('16');
    expect(await page.getByTestId('preset-tiny').getAttribute('aria-pressed')).toBe('false');
  });

  it('compares two temperatures: two runs, two probe curves overlaid', async () => {
    await page.getByTestId('compare-values').fill('0.1, 1');
    await page.getByTestId('compare-start').click();
    const compareProbe = '[data-testid="compare-card"] svg[data-testid="probe-chart"] path[data-curve]';
    await expect.poll(() => count(page, compareProbe), { timeout: 30_000 }).toBe(2);
    await expect
      .poll(() => page.getByTestId('compare-card').textContent(), { timeout: 90_000 })
      .toMatch(/τ = 0\.1 \d+\.\d %[\s\S]*τ = 1 \d+\.\d %/);
    await page.getByTestId('theme-toggle').click();
    await expect.poll(() => themeOf(page)).toBe('dark');
    await page.waitForTimeout(300);
    await screenshot(page, 'contrastive-compare-dark.png');
  });
});
