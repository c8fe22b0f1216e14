/**
 * The energy lab end to end in Chromium, browser mode, on the real host and trainers: drawn
 * data with too few points is refused with a sentence; DAE, CD and PCD train side by side on
 * two moons; the three heatmaps draw and change as the runs go on, the particles move; pause
 * and a single step; the snapshot slider steps back; the landscape saves as PNG and SVG (a
 * download and a copy in the run folder, both decoding). Light and dark screenshots are kept
 * in test-results/ (energy-*.png).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { isPng, realHost, screenshot, themeOf, useLabPage, type PageCanvas } from './browser.js';

// In-page probes (this Node project has no DOM types).
declare const document: { querySelectorAll<T>(selector: string): ArrayLike<T> };

let page: Page;
const lab = useLabPage('ebm-energy-runs-', realHost, (opened) => ({ page } = opened), {
  waitForConnection: true,
});

/** Per landscape canvas: [painted pixels, a hash of the pixels]. */
function landscapePixels(p: Page): Promise<[number, number][]> {
  return p.evaluate(() => {
    const canvases = document.querySelectorAll<PageCanvas>('canvas[data-testid="landscape-canvas"]');
    return Array.from(canvases, (c) => {
      const ctx = c.getContext('2d');
      if (!ctx || c.width === 0) return [0, 0] as [number, number];
      const data = ctx.getImageData(0, 0, c.width, c.height).data;
      let painted = 0;
      let hash = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (data[i + 3]! > 0) painted++;
        hash = (hash * 31 + data[i]! + 7 * data[i + 1]! + 13 * data[i + 2]!) | 0;
      }
      return [painted, hash] as [number, number];
    });
  });
}

const steps = (p: Page): Promise<number[]> =>
  p.evaluate(() =>
    Array.from(
      document.querySelectorAll<{ getAttribute(n: string): string | null }>('[data-testid="landscape"]'),
      (e) => Number(e.getAttribute('data-step')),
    ),
  );

describe('the energy lab in a browser, on the real host and trainers', () => {
  it('refuses drawn data with fewer than five points, with a sentence', async () => {
    await page.getByTestId('lab-energy').click();
    await expect.poll(() => page.getByTestId('energy-welcome').isVisible()).toBe(true);
    await page.getByTestId('data-drawn').click();
    const pad = page.getByTestId('draw-pad');
    const box = (await pad.boundingBox())!;
    await page.mouse.click(box.x + 40, box.y + 40);
    await page.mouse.click(box.x + 120, box.y + 90);
    await expect
      .poll(() => page.getByTestId('points-error').textContent())
      .toContain('Draw at least 5 points');
    expect(await page.getByTestId('start').isDisabled()).toBe(true);
    await page.getByTestId('data-moons').click();
  });

  it('trains DAE, CD and PCD side by side: the heatmaps draw and change, the particles move', async () => {
    await page.getByTestId('compare').check();
    // Long enough that none of the three ends before the pause below (the compiled engine trains
    // DAE at about a thousand steps a second); the last test stops them.
    await page.getByTestId('field-steps').fill('100000');
    await page.getByTestId('start').click();
    await expect.poll(async () => (await steps(page)).length, { timeout: 60_000 }).toBe(3);
    await expect
      .poll(async () => (await landscapePixels(page)).every(([painted]) => painted > 10_000), {
        timeout: 60_000,
      })
      .toBe(true);
    const before = await landscapePixels(page);
    const stepsBefore = await steps(page);
    await expect
      .poll(async () => (await steps(page)).every((s, i) => s > stepsBefore[i]!), { timeout: 90_000 })
      .toBe(true);
    const after = await landscapePixels(page);
    after.forEach(([, hash], i) => expect(hash).not.toBe(before[i]![1]));
  });

  it('pauses, takes a single step, and steps back through the snapshots', async () => {
    await page.getByTestId('pause').click();
    await expect.poll(() => page.getByTestId('single-step').isVisible(), { timeout: 30_000 }).toBe(true);
    await page.waitForTimeout(800);
    const held = await steps(page);
    await page.getByTestId('single-step').click();
    await expect
      .poll(async () => (await steps(page)).every((s, i) => s > held[i]!), { timeout: 30_000 })
      .toBe(true);
    await expect
      .poll(() =>
        page.getByTestId('state-badge').evaluateAll((els) => els.map((e) => e.getAttribute('data-state'))),
      )
      .toEqual(['paused', 'paused', 'paused']);
    const slider = page.getByTestId('snapshot-slider');
    await slider.fill('0');
    await expect.poll(async () => (await steps(page))[0]).toBe(0);
    await page.getByTestId('snapshot-live').click();
    await page.getByTestId('resume').click();
  });

  it('saves the landscape with its particles as PNG and SVG, downloaded and in the run folder', async () => {
    const panel = page.getByTestId('landscape').nth(2); // PCD
    const runId = await page.getByTestId('run-progress').nth(2).getAttribute('data-run-id');
    const [png] = await Promise.all([page.waitForEvent('download'), panel.getByTestId('save-png').click()]);
    expect(png.suggestedFilename()).toMatch(/^landscape-pcd-step-\d+\.png$/);
    const pngBytes = new Uint8Array(await readFile((await png.path())!));
    expect(isPng(pngBytes)).toBe(true);
    expect(PNG.sync.read(Buffer.from(pngBytes)).width).toBeGreaterThan(300);
    const [svg] = await Promise.all([page.waitForEvent('download'), panel.getByTestId('save-svg').click()]);
    const text = await readFile((await svg.path())!, 'utf8');
    expect(text.startsWith('<svg')).toBe(true);
    expect(text.trim().endsWith('</svg>')).toBe(true);
    expect((text.match(/<circle/g) ?? []).length).toBeGreaterThan(500); // data and particles
    const embedded = /href="data:image\/png;base64,([^"]+)"/.exec(text)?.[1] ?? '';
    expect(PNG.sync.read(Buffer.from(embedded, 'base64')).width).toBe(128);
    const saved = join(lab.runsDir, runId!, 'exports', svg.suggestedFilename());
    await expect
      .poll(async () => (await readFile(saved, 'utf8').catch(() => '')).startsWith('<svg'))
      .toBe(true);
  });

  it('stops the three and keeps screenshots of them in light and dark', async () => {
    await page.waitForTimeout(2000); // a little more training after the resume
    await page.getByTestId('stop').click();
    await expect
      .poll(
        () =>
          page.getByTestId('state-badge').evaluateAll((els) => els.map((e) => e.getAttribute('data-state'))),
        { timeout: 60_000 },
      )
      .toEqual(['stopped', 'stopped', 'stopped']);
    await page.waitForTimeout(500);
    await screenshot(page, 'energy-three-light.png');
    await page.getByTestId('theme-toggle').click();
    await expect.poll(() => themeOf(page)).toBe('dark');
    await page.waitForTimeout(300);
    await screenshot(page, 'energy-three-dark.png');
    await page.getByTestId('theme-toggle').click();
  });

  it('trains the latent EBM: the lecture panel finds the lowest energy on the moons; the conditional model marks x₀', async () => {
    await page.getByTestId('compare').uncheck();
    await page.getByTestId('method-latent').click();
    expect(await page.getByTestId('field-latentDim').inputValue()).toBe('8');
    await page.getByTestId('field-steps').fill('1500');
    await page.getByTestId('start').click();
    await expect
      .poll(() => page.getByTestId('landscape').getAttribute('data-step'), { timeout: 120_000 })
      .toBe('1500');
    const measured = page.getByTestId('lecture-measured').first();
    await expect.poll(() => measured.textContent(), { timeout: 10_000 }).toMatch(/^the lowest cell lies /);
    // The argmin of E on the grid sits on the moons (the L1 model put it between them, 0.4 away).
    const distance = Number((await measured.textContent())!.match(/lies ([\d.e-]+) from/)![1]);
    expect(distance).toBeLessThan(0.2);
    // The curves' legend names only what the latent EBM has (no negatives).
    expect(await page.getByTestId('curve-legend').allTextContents()).toEqual(['E on data', 'loss']);
    await screenshot(page, 'energy-latent-light.png');

    await page.getByTestId('method-conditional').click();
    expect(await page.getByTestId('field-latentDim').inputValue()).toBe('2'); // two branches
    await page.getByTestId('field-steps').fill('1500');
    await page.getByTestId('start').click();
    await expect
      .poll(() => page.getByTestId('landscape').getAttribute('data-method'), { timeout: 30_000 })
      .toBe('conditional');
    await expect
      .poll(() => page.getByTestId('landscape').getAttribute('data-step'), { timeout: 120_000 })
      .toBe('1500');
    await page.getByTestId('theme-toggle').click();
    await expect.poll(() => themeOf(page)).toBe('dark');
    await page.waitForTimeout(300);
    await screenshot(page, 'energy-conditional-dark.png');
    await page.getByTestId('theme-toggle').click();
  });
});
