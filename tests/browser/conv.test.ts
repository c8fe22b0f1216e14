/**
 * End to end in Chromium, browser mode: the real host serves the built renderer and forks a
 * real trainer; the page picks the convolutional sparse-coding lab, runs a tiny sweep
 * (n = 1, 2, 4), and a student sees the encoder/decoder kernels and the sweep picture drawn
 * (non-blank canvases) and the feature maps, then saves the kernels and the sweep as PNG and
 * SVG (downloads that decode, and copies in the run folder). Light and dark screenshots go to
 * test-results/.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { decodePng, inkPixels, realHost, screenshot, themeOf, useLabPage } from './browser.js';

let page: Page;
const lab = useLabPage('ebm-e2e-conv-', realHost, (opened) => ({ page } = opened));

describe('the convolutional sparse-coding lab in a browser, on the real host and trainer', () => {
  it('is picked in the sidebar and shows Y = Σ Kᵢ ∗ Zᵢ and its controls', async () => {
    await expect.poll(() => page.getByTestId('connection').getAttribute('data-state')).toBe('open');
    await page.getByTestId('lab-conv').click();
    await expect.poll(() => page.getByTestId('conv-welcome').isVisible()).toBe(true);
    expect(await page.getByTestId('conv-equations').textContent()).toContain('λ');
    await page.getByTestId('field-kernelSize').fill('40');
    await expect.poll(() => page.getByTestId('field-kernelSize-error').textContent()).toMatch(/must be/);
  });

  it('the One filter preset picks one tanh auto-encoder kernel trained by normalised SGD', async () => {
    await page.getByTestId('conv-preset-centre').click();
    expect(await page.getByTestId('field-kernels').inputValue()).toBe('1');
    expect(await page.getByTestId('field-learningRate').inputValue()).toBe('0.005');
    for (const id of ['conv-nonlinearity-tanh', 'conv-optimizer-sgd', 'conv-mode-single'])
      expect(await page.getByTestId(id).getAttribute('aria-pressed'), id).toBe('true');
    await expect.poll(() => page.getByTestId('conv-equations').textContent()).toContain('tanh');
    await page.getByTestId('conv-optimizer-adam').click();
    expect(await page.getByTestId('conv-optimizer-sgd').getAttribute('aria-pressed')).toBe('false');
    expect(await page.getByTestId('conv-preset-centre').getAttribute('aria-pressed')).toBe('false');
  });

  it('runs a tiny sweep: kernels, feature maps and the sweep picture draw', async () => {
    await page.getByTestId('conv-preset-tiny').click();
    await page.getByTestId('conv-mode-sweep').click();
    for (const [field, value] of [
      ['kernels', '4'],
      ['kernelSize', '5'],
      ['steps', '40'],
      ['imageSize', '16'],
      ['batchSize', '4'],
    ] as const)
      await page.getByTestId(`field-${field}`).fill(value);
    await page.getByTestId('start').click();
    await expect.poll(() => inkPixels(page, 'conv-kernels'), { timeout: 60_000 }).toBeGreaterThan(300);
    await expect.poll(() => inkPixels(page, 'feature-maps'), { timeout: 60_000 }).toBeGreaterThan(300);
    await expect
      .poll(() => page.getByTestId('state-badge').first().getAttribute('data-state'), { timeout: 120_000 })
      .toBe('done');
    await expect.poll(() => inkPixels(page, 'conv-sweep'), { timeout: 30_000 }).toBeGreaterThan(800);
    // tanh codes are never exactly 0: the readout counts the small ones instead, and gives ‖Z‖₁.
    expect(await page.getByTestId('maps-stats').textContent()).toMatch(
      /‖Z‖₁ = \d+\.\d · \s*\d+\.\d % of \|Z\| below 1 % of its largest/,
    );
    expect(await page.getByTestId('conv-sweep-card').textContent()).toContain('3 of 3 models done');
    // The header counts models, not epochs; the pictures' labels are text, crisp at any size.
    expect(await page.getByTestId('run-position').first().textContent()).toBe('model 3 of 3 (n = 4)');
    expect(await page.getByTestId('conv-sweep-labels').locator('text').allTextContents()).toEqual([
      'encoder',
      'decoder',
      'n = 1',
      'n = 2',
      'n = 4',
    ]);
    expect(await page.getByTestId('feature-maps-labels').locator('text').first().textContent()).toBe(
      'input y',
    );
    // The sidebar names the engine this run trained on in the trainer's own words, as the run's header does.
    const reason = await page.getByTestId('run-backend').first().getAttribute('title');
    expect(reason).toMatch(
      /^onnxruntime-node \d+\.\d+\.\d+ runs the compiled training step and views on the CPU, \d+ threads?/,
    );
    expect(await page.getByTestId('backend').textContent()).toContain(`This run: ${reason}`);
    await screenshot(page, 'conv-sweep-light.png');
  });

  it('saves the kernels and the sweep as PNG and SVG that decode, with copies in the run folder', async () => {
    const runId = await page.getByTestId('run-progress').first().getAttribute('data-run-id');
    const save = async (what: 'kernels' | 'sweep', kind: 'png' | 'svg') => {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId(`conv-save-${what}-${kind}`).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(new RegExp(`^${what}-step-\\d+\\.${kind}$`));
      return { name: download.suggestedFilename(), bytes: await readFile((await download.path())!) };
    };
    for (const what of ['kernels', 'sweep'] as const) {
      const png = await save(what, 'png');
      const size = decodePng(png.bytes);
      expect(Math.max(size.width, size.height)).toBeGreaterThanOrEqual(1000); // printable
      const svg = await save(what, 'svg');
      const text = svg.bytes.toString('utf8');
      expect(text).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
      expect(text.match(/<g transform=/g)).toHaveLength(what === 'sweep' ? 2 * 7 : 2 * 4);
      for (const file of [png.name, svg.name]) {
        const saved = join(lab.runsDir, runId!, 'exports', file);
        await expect
          .poll(async () => (await readFile(saved).catch(() => Buffer.alloc(0))).length)
          .toBeGreaterThan(100);
      }
    }
  });

  it('keeps a dark screenshot with the kernels still drawn', async () => {
    await page.getByTestId('theme-toggle').click();
    await expect.poll(() => themeOf(page)).toBe('dark');
    await page.waitForTimeout(300);
    expect(await inkPixels(page, 'conv-sweep')).toBeGreaterThan(800);
    await screenshot(page, 'conv-sweep-dark.png');
  });
});
