/**
 * The frame every lab shares, in Chromium on the real host and trainers: the live sliders show
 * what the fields say before any run; a live β = 4 reaches the field, the status line and the
 * closing sentence; a preset fills every control; a reopened CD run brings back its method and
 * fields; and at 1280×720 (a classroom projector) each lab's main live view starts on the first
 * screen, in light and dark. Screenshots of every lab at 1280×720 and 1440×900, light and dark,
 * are kept in test-results/ (frame-<lab>-<size>-<theme>.png).
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { defaultEnergyConfig } from '../../protocol/energy/config.js';
import { describeRun } from '../../protocol/labs.js';
import { realHost, resultsDir, themeOf, useLabPage } from './browser.js';

let page: Page;
useLabPage('ebm-frame-', realHost, (opened) => ({ page } = opened), {
  viewport: { width: 1280, height: 720 },
  waitForConnection: true,
});

/** Moves a range input to `position` (its own units: log10 of the value on a log slider). */
const slide = (testId: string, position: string): Promise<void> =>
  page.getByTestId(testId).evaluate((el, v) => {
    const input = el as unknown as { value: string; dispatchEvent(e: unknown): boolean };
    input.value = v;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }, position);

const fieldValue = (name: string): Promise<number> =>
  page
    .getByTestId(`field-${name}`)
    .inputValue()
    .then((text) => Number(text));
const sliderValue = (name: string): Promise<number> =>
  page
    .getByTestId(`live-${name}-value`)
    .textContent()
    .then((text) => Number(text));

const state = (): Promise<string | null> =>
  page.getByTestId('state-badge').first().getAttribute('data-state');

async function stopIfRunning(): Promise<void> {
  if (!(await page.getByTestId('stop').isEnabled())) return;
  await page.getByTestId('stop').click();
  await expect.poll(state, { timeout: 60_000 }).toMatch(/stopped|done|failed/);
}

describe('one frame for every lab', () => {
  it('shows in each live slider what its field says, before any run and as the field is typed', async () => {
    const live: [string, string[]][] = [
      ['vae', ['beta', 'learningRate']],
      ['energy', ['learningRate', 'stepSize', 'k']],
      ['dae', ['strength', 'learningRate']],
      ['sparse', ['lambda', 'learningRate']],
      ['conv', ['lambda', 'learningRate']],
      ['contrastive', ['temperature', 'learningRate']],
    ];
    for (const [lab, names] of live) {
      await page.getByTestId(`lab-${lab}`).click();
      for (const name of names) {
        await expect
          .poll(() => sliderValue(name), { message: `${lab} ${name}` })
          .toBeCloseTo(await fieldValue(name), 6);
      }
    }
    await page.getByTestId('lab-sparse').click();
    await page.getByTestId('field-lambda').fill('0.3');
    await expect.poll(() => sliderValue('lambda')).toBe(0.3);
  });

  it('fills every control from a preset: the Course VAE trains nothing beside it', async () => {
    await page.getByTestId('lab-vae').click();
    for (const beside of ['with-ae', 'with-beta0']) {
      await page.getByTestId(beside).check();
      await page.getByRole('button', { name: /Course/ }).click();
      expect(await page.getByTestId(beside).isChecked()).toBe(false);
    }
  });

  it('a live β = 4 reaches the field, the status line and the closing sentence', async () => {
    await page.getByRole('button', { name: /Drag/ }).click();
    await page.getByTestId('field-epochs').fill('6');
    await page.getByTestId('start').click();
    await expect.poll(state, { timeout: 60_000 }).toBe('running');
    await slide('live-beta', '4');
    await expect.poll(() => fieldValue('beta')).toBe(4);
    await expect.poll(() => page.getByTestId('live-values').textContent()).toContain('β (KL weight) = 4');
    await expect.poll(state, { timeout: 120_000 }).toBe('done');
    const sentence = (await page.getByTestId('run-message').textContent()) ?? '';
    expect(sentence).toMatch(/test loss/);
    expect(sentence).toContain('β (KL weight) = 4');
    expect(await fieldValue('beta')).toBe(4);
  });

  it('after a reload, reopening that run brings back β = 4: field, closing sentence and the mark on its curves', async () => {
    const runId = await page.getByTestId('run-progress').first().getAttribute('data-run-id');
    await page.reload();
    await expect.poll(() => page.getByTestId('connection').getAttribute('data-state')).toBe('open');
    await page.locator(`[data-testid="run-item"][data-run-id="${runId}"]`).click();
    await expect.poll(() => fieldValue('beta')).toBe(4);
    await expect.poll(() => page.getByTestId('run-message').textContent()).toContain('β (KL weight) = 4');
    await expect.poll(() => page.locator('[data-testid="param-mark"][data-label="β = 4"]').count()).toBe(1);
  });

  it('reopens a CD run with the CD method and fields, whatever the form held', async () => {
    await page.getByTestId('lab-energy').click();
    await page.getByTestId('method-cd').click();
    await page.getByTestId('field-steps').fill('150');
    await page.getByTestId('field-k').fill('7');
    await page.getByTestId('start').click();
    await expect.poll(state, { timeout: 90_000 }).toBe('done');
    await page.getByTestId('method-conditional').click();
    await page.getByTestId('field-steps').fill('3000');
    await expect.poll(() => page.getByTestId('field-k').count()).toBe(0);

    const label = describeRun({ lab: 'energy', config: { ...defaultEnergyConfig, method: 'cd' } });
    await page.getByTestId('runs-list').getByText(label).first().click();
    await expect.poll(() => page.getByTestId('method-cd').getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByTestId('method-conditional').getAttribute('aria-pressed')).toBe('false');
    expect(await fieldValue('k')).toBe(7);
    expect(await fieldValue('steps')).toBe(150);
    expect(await page.getByTestId('field-condition').count()).toBe(0);
  });

  /** Each lab, a small run of it, and the view that must start on a projector's first screen. */
  const labs: { lab: string; main: string; setup: () => Promise<void> }[] = [
    { lab: 'vae', main: 'loss-card', setup: () => page.getByTestId('field-epochs').fill('40') },
    { lab: 'energy', main: 'landscapes-card', setup: () => page.getByTestId('field-steps').fill('100000') },
    { lab: 'dae', main: 'denoised-card', setup: async () => {} },
    { lab: 'sparse', main: 'dictionary-card', setup: () => page.getByTestId('preset-patches8').click() },
    { lab: 'conv', main: 'conv-kernels-card', setup: () => page.getByTestId('conv-preset-single').click() },
    { lab: 'contrastive', main: 'pairs-card', setup: () => page.getByTestId('preset-quick').click() },
  ];

  for (const { lab, main, setup } of labs) {
    it(`puts the ${lab} lab's main live view on a projector's first screen, light and dark`, async () => {
      await page.setViewportSize({ width: 1280, height: 720 });
      await page.getByTestId(`lab-${lab}`).click();
      await setup();
      await page.getByTestId('start').click();
      await expect.poll(state, { timeout: 90_000 }).toBe('running');
      await page.waitForTimeout(5000); // some training to look at
      for (const theme of ['light', 'dark'] as const) {
        if ((await themeOf(page)) !== theme) await page.getByTestId('theme-toggle').click();
        for (const [width, height] of [
          [1280, 720],
          [1440, 900],
        ] as const) {
          await page.setViewportSize({ width, height });
          await page.evaluate(() =>
            (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0),
          );
          await page.waitForTimeout(300);
          const box = await page.getByTestId(main).boundingBox();
          expect(box, `${main} on the page`).not.toBeNull();
          // The view starts on the first screen, with room below its top to be seen.
          expect(box!.y).toBeGreaterThanOrEqual(0);
          expect(box!.y + 200).toBeLessThan(height);
          expect(await page.getByTestId('theme-toggle').isVisible()).toBe(true);
          await page.screenshot({ path: join(resultsDir, `frame-${lab}-${width}x${height}-${theme}.png`) });
        }
      }
      await page.getByTestId('theme-toggle').click();
      await page.setViewportSize({ width: 1280, height: 720 });
      await stopIfRunning();
    });
  }

  it('presents: the sidebar and settings step aside and the views take the width', async () => {
    await page.getByTestId('lab-vae').click();
    const before = (await page.getByTestId('loss-card').boundingBox())!.width;
    await page.getByTestId('present').click();
    await expect.poll(() => page.getByTestId('vae-controls').isVisible()).toBe(false);
    expect(await page.getByTestId('runs-list').count()).toBe(0);
    await expect
      .poll(async () => (await page.getByTestId('loss-card').boundingBox())!.width)
      .toBeGreaterThan(before + 400);
    await page.screenshot({ path: join(resultsDir, 'frame-vae-1280x720-presenting.png') });
    await page.getByTestId('present').click();
    await expect.poll(() => page.getByTestId('vae-controls').isVisible()).toBe(true);
  });

  it('sets the VAE and the classic AE latent spaces side by side at 1440 px', async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.getByTestId('field-epochs').fill('40');
    await page.getByTestId('with-ae').check();
    await page.getByTestId('start').click();
    await expect.poll(() => page.getByTestId('latent-ae').count(), { timeout: 60_000 }).toBe(1);
    const vae = (await page.getByTestId('latent').boundingBox())!;
    const ae = (await page.getByTestId('latent-ae').boundingBox())!;
    expect(Math.abs(vae.y - ae.y)).toBeLessThan(2);
    expect(ae.x).toBeGreaterThan(vae.x + vae.width - 1);
    await page.waitForTimeout(3000);
    await page.getByTestId('latent').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(resultsDir, 'frame-vae-ae-1440x900-light.png') });
    await stopIfRunning();
  });
});
