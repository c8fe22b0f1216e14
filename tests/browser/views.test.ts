/**
 * Views that never disagree with the run, in Chromium against the stand-in host
 * (fake-host.ts): a loss chart zoomed into a finished run starts the next run unzoomed, with
 * its points drawn and no stale tooltip; a live change is marked on the curves with its new
 * value, for that run only. Screenshots of the marked chart at 1440×900 and 1280×720, light
 * and dark, go to test-results/.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { lossChartPoints, resultsDir, screenshot, themeOf, useLabPage } from './browser.js';
import { serveFake } from './fake-host.js';

let page: Page;
const lab = useLabPage(
  'ebm-fake-runs-',
  (runsDir) => serveFake({ runsDir, stepsPerEpoch: 20 }),
  (opened) => ({ page } = opened),
  {
    waitForConnection: true,
  },
);

const chart = () => page.getByTestId('loss-chart');
const state = () => page.getByTestId('state-badge').first().getAttribute('data-state');
const step = async () =>
  Number(
    /step ([\d,]+)/
      .exec((await page.getByTestId('run-progress').first().textContent()) ?? '')?.[1]
      ?.replace(/,/g, '') ?? -1,
  );

/** Drags the brush across the plot from one fraction of the chart's width to another. */
async function selectRange(from: number, to: number): Promise<void> {
  await chart().scrollIntoViewIfNeeded();
  const box = (await chart().boundingBox())!;
  const y = box.y + box.height * 0.55;
  await page.mouse.move(box.x + box.width * from, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * to, y, { steps: 6 });
  await page.mouse.up();
}

describe('the loss chart follows the run on show', () => {
  it('starts a new run unzoomed, its points drawn and no stale tooltip, after zooming into the last one', async () => {
    await page.getByTestId('field-epochs').fill('3'); // 60 steps, about 3 s on the fake host
    await page.getByTestId('start').click();
    await expect.poll(state, { timeout: 20_000 }).toBe('done');

    await selectRange(0.82, 0.97); // the last steps of the finished run
    const showAll = page.getByRole('button', { name: 'show all' });
    await expect.poll(() => showAll.isEnabled()).toBe(true);
    const box = (await chart().boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.9, box.y + box.height * 0.6);
    await expect.poll(() => page.getByTestId('chart-tooltip').count()).toBe(1);

    // A new, longer run, started from the keyboard so that the pointer stays over the chart.
    await page.getByTestId('field-epochs').fill('50');
    await page.getByTestId('start').focus();
    await page.keyboard.press('Enter');
    await expect.poll(step, { timeout: 10_000 }).toBeGreaterThanOrEqual(6);
    await page.getByTestId('pause').click();
    await expect.poll(state).toBe('paused');
    // Paused at a step long before the old zoom window: the points must be in view anyway.
    expect(await step()).toBeLessThan(40);
    expect((await lossChartPoints(page)).vertices).toBeGreaterThanOrEqual(6);
    expect(await showAll.isEnabled()).toBe(false);
    expect(await page.getByTestId('chart-tooltip').count()).toBe(0);
    await page.getByTestId('resume').click();
  });

  it('marks a live change on the curves where it was made, with its new value: "β = 4"', async () => {
    await expect.poll(state).toBe('running');
    await expect.poll(step, { timeout: 10_000 }).toBeGreaterThanOrEqual(40);
    await page.getByTestId('live-beta').fill('4');
    expect(lab.server.commands.filter((c) => c.type === 'set-param').at(-1)).toMatchObject({
      name: 'beta',
      value: 4,
    });
    const mark = page.locator('[data-testid="param-mark"][data-label="β = 4"]');
    await expect.poll(() => mark.count()).toBe(1);
    expect(await mark.locator('text').textContent()).toBe('β = 4');

    // The tick stands at the step of the change: left of the newest points, right of the first.
    await expect.poll(step, { timeout: 10_000 }).toBeGreaterThanOrEqual(80);
    const markX = Number(await mark.locator('line').getAttribute('x1'));
    const pathXs = await chart()
      .locator('path[data-curve]')
      .first()
      .evaluate((p) => [...(p.getAttribute('d') ?? '').matchAll(/[ML]([\d.]+),/g)].map((m) => Number(m[1])));
    expect(markX).toBeGreaterThan(Math.min(...pathXs) + 20);
    expect(markX).toBeLessThan(Math.max(...pathXs) - 20);

    // One drag of the slider (changes less than a second apart) is one more mark, with the value it ends on.
    await page.getByTestId('live-beta').fill('3');
    await page.getByTestId('live-beta').fill('2.5');
    const labels = () =>
      page.getByTestId('param-mark').evaluateAll((marks) => marks.map((m) => m.getAttribute('data-label')));
    await expect.poll(labels).toEqual(['β = 4', 'β = 2.5']);
  });

  it('keeps screenshots of the marked chart at 1440×900 and 1280×720, light and dark', async () => {
    await page.getByTestId('pause').click();
    await expect.poll(state).toBe('paused');
    for (const [w, h] of [
      [1440, 900],
      [1280, 720],
    ] as const) {
      await page.setViewportSize({ width: w, height: h });
      for (const theme of ['light', 'dark'] as const) {
        if ((await themeOf(page)) !== theme) await page.getByTestId('theme-toggle').click();
        await expect.poll(() => themeOf(page)).toBe(theme);
        await page.waitForTimeout(200);
        await chart().scrollIntoViewIfNeeded();
        await page.screenshot({ path: join(resultsDir, `views-loss-mark-${w}x${h}-${theme}.png`) });
      }
    }
    await screenshot(page, 'views-vae-page.png');
  });

  it('shows no marks for the next run: they belong to the run they were made in', async () => {
    await page.getByTestId('stop').click();
    await expect.poll(state).toBe('stopped');
    await page.getByTestId('start').click();
    await expect.poll(step, { timeout: 10_000 }).toBeGreaterThanOrEqual(4);
    expect(await page.getByTestId('param-mark').count()).toBe(0);
    await page.getByTestId('stop').click();
  });
});
