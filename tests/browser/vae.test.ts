/**
 * End to end in Chromium, browser mode: the real host (host/server.ts) serves the built
 * renderer, forks a real trainer, and the page trains a tiny VAE. Asserts what a student
 * sees — the loss chart gains points, the scatter fills, a drag changes the decoded digit,
 * pause holds the step count and resume moves it on, an export lands as a PNG in the
 * download and in the run folder, the backend is named — and keeps light and dark
 * screenshots in test-results/. Latencies are measured and written to
 * test-results/ui-timings.json, not asserted.
 */
import { writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import {
  canvasPixels,
  clearMeasures,
  dragOnScatter,
  frameDeltas,
  inkPixels,
  isPng,
  lossChartPoints,
  measuresOf,
  percentile,
  realHost,
  resultsDir,
  screenshot,
  themeOf,
  useLabPage,
} from './browser.js';

let page: Page;
const lab = useLabPage('ebm-e2e-runs-', realHost, (opened) => ({ page } = opened));
const timings: Record<string, number | null | string> = {};

const stepOf = async (p: Page): Promise<number> => {
  const text = (await p.getByTestId('run-progress').first().textContent()) ?? '';
  const m = /step ([\d,]+) \//.exec(text);
  return m ? Number(m[1]!.replace(/,/g, '')) : -1;
};

const epochOf = async (p: Page): Promise<number> => {
  const text = (await p.getByTestId('run-progress').first().textContent()) ?? '';
  const m = /epoch (\d+) \//.exec(text);
  return m ? Number(m[1]) : -1;
};

/** Reloads the page (a fresh window) and opens the newest run whose label matches from the runs list. */
async function reopen(label: RegExp): Promise<void> {
  await page.reload();
  await expect.poll(() => page.getByTestId('connection').getAttribute('data-state')).toBe('open');
  await page.getByTestId('runs-list').getByRole('button', { name: label }).first().click();
}

afterAll(() => {
  writeFileSync(join(resultsDir, 'ui-timings.json'), JSON.stringify(timings, null, 2) + '\n');
});

describe('the VAE lab in a browser, on the real host and trainer', () => {
  it('connects with the launch token and names the backend', async () => {
    await expect.poll(() => page.getByTestId('connection').getAttribute('data-state')).toBe('open');
    expect(page.url()).not.toContain('token=');
    await expect
      .poll(() => page.getByTestId('backend-name').textContent(), { timeout: 15_000 })
      .toMatch(/^(onnxruntime-gpu|onnxruntime|tensorflow-gpu|tensorflow|wasm|cpu)$/);
    await screenshot(page, 'vae-welcome-light.png');
  });

  it('trains: the loss chart gains points and the latent scatter appears', async () => {
    for (const [field, value] of [
      ['hiddenDim', '128'],
      ['batchSize', '64'],
      ['epochs', '60'],
    ] as const) {
      await page.getByTestId(`field-${field}`).fill(value);
    }
    await page.getByTestId('start').click();
    await expect
      .poll(async () => (await lossChartPoints(page)).vertices, { timeout: 60_000 })
      .toBeGreaterThan(0);
    timings.startToFirstLossMs = (await measuresOf(page, 'ebm:start-to-first-loss')).at(-1) ?? null;
    const first = (await lossChartPoints(page)).vertices;
    await expect
      .poll(async () => (await lossChartPoints(page)).vertices, { timeout: 60_000 })
      .toBeGreaterThan(first);
    await expect.poll(() => inkPixels(page, 'scatter'), { timeout: 60_000 }).toBeGreaterThan(300);
    await expect.poll(() => inkPixels(page, 'preview'), { timeout: 60_000 }).toBeGreaterThan(0);
    await expect
      .poll(() => page.getByTestId('run-backend').textContent())
      .toMatch(/^on (onnxruntime-gpu|onnxruntime|tensorflow-gpu|tensorflow|wasm|cpu)$/);
    // The prior N(0, I) drawn in the latent plane, and the KL of each of the d = 2 dimensions on
    // the curve V − log V − 1, with the lecture's claim beside the run's KL.
    await expect.poll(() => page.getByTestId('prior-circles').locator('ellipse').count()).toBe(2);
    await expect.poll(() => page.getByTestId('kl-dim').count()).toBe(2);
    expect(await page.getByTestId('kl-totals').textContent()).toMatch(/^2 dimensions [\s\S]* nats per digit/);
    await expect
      .poll(() => page.getByTestId('lecture-measured').first().textContent())
      .toMatch(/^KL\(q\(z\|x\) ‖ N\(0, I\)\) = [\d.]+ nats per digit at β = 1$/);
  });

  it('stays smooth while it trains (frame times measured, not asserted)', async () => {
    const deltas = await frameDeltas(page, 3000);
    timings.frames = deltas.length;
    timings.frameTimeP50Ms = percentile(deltas, 50);
    timings.frameTimeP95Ms = percentile(deltas, 95);
    timings.frameTimeMaxMs = Math.max(...deltas);
    expect(deltas.length).toBeGreaterThan(10);
  });

  it('pauses (the step count holds), decodes under a drag, and resumes', async () => {
    await page.getByTestId('pause').click();
    await expect
      .poll(() => page.getByTestId('state-badge').first().getAttribute('data-state'))
      .toBe('paused');
    await page.waitForTimeout(600); // let in-flight views land
    const held = await stepOf(page);
    await page.waitForTimeout(1500);
    expect(await stepOf(page)).toBe(held);

    await clearMeasures(page, 'ebm:decode');
    await clearMeasures(page, 'ebm:decode-compute');
    await dragOnScatter(page, 'scatter', [0.3, 0.5], [0.45, 0.5], 5);
    const before = await canvasPixels(page, 'preview');
    await dragOnScatter(page, 'scatter', [0.5, 0.5], [0.75, 0.25], 60);
    await expect.poll(async () => (await canvasPixels(page, 'preview')).join() !== before.join()).toBe(true);
    const decodes = await measuresOf(page, 'ebm:decode');
    timings.decodeSamples = decodes.length;
    timings.decodeLatencyP50Ms = percentile(decodes, 50);
    timings.decodeLatencyP95Ms = percentile(decodes, 95);
    const compute = await measuresOf(page, 'ebm:decode-compute');
    timings.decodeComputeP95Ms = percentile(compute, 95);

    await page.getByTestId('resume').click();
    await expect
      .poll(() => page.getByTestId('state-badge').first().getAttribute('data-state'))
      .toBe('running');
    await expect.poll(() => stepOf(page), { timeout: 30_000 }).toBeGreaterThan(held);
  });

  it('exports the loss curves as a PNG download and into the run folder', async () => {
    const runId = await page.getByTestId('run-progress').first().getAttribute('data-run-id');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('loss-card').getByRole('button', { name: 'PNG' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('loss-curves.png');
    expect(isPng(new Uint8Array(await readFile((await download.path())!)))).toBe(true);
    const saved = join(lab.runsDir, runId!, 'exports', 'loss-curves.png');
    await expect
      .poll(async () => isPng(new Uint8Array(await readFile(saved).catch(() => Buffer.alloc(0)))))
      .toBe(true);
  });

  it("steps back through the latent means epoch by epoch (the notebook's figure at epochs 0, 5, 10)", async () => {
    const slider = page.getByTestId('latent-epochs');
    await expect.poll(() => slider.count(), { timeout: 60_000 }).toBe(1);
    const latest = await page.getByTestId('latent').textContent();
    await slider.fill('0');
    await expect.poll(() => page.getByTestId('latent').textContent()).toMatch(/ · epoch 0(\.\d)? · d = 2/);
    expect(latest).not.toMatch(/ · epoch 0(\.\d)? · d = 2/);
    await page.getByTestId('latent').getByRole('button', { name: 'latest' }).click();
    await expect
      .poll(() => page.getByTestId('latent').textContent())
      .not.toMatch(/ · epoch 0(\.\d)? · d = 2/);
  });

  it('keeps screenshots of the lab in light and dark', async () => {
    // A few epochs in, the digits separate in the plane: that is the picture worth keeping.
    await expect.poll(() => epochOf(page), { timeout: 60_000 }).toBeGreaterThanOrEqual(8);
    await dragOnScatter(page, 'scatter', [0.4, 0.4], [0.6, 0.45], 3);
    await screenshot(page, 'vae-training-light.png');
    await page.getByTestId('theme-toggle').click();
    await expect.poll(() => themeOf(page)).toBe('dark');
    await page.waitForTimeout(300);
    await screenshot(page, 'vae-training-dark.png');
    await page.getByTestId('stop').click();
    await expect
      .poll(() => page.getByTestId('state-badge').first().getAttribute('data-state'), { timeout: 30_000 })
      .toMatch(/stopped|done/);
  });

  it('reopens the finished run from the runs list, with its curves and latent space', async () => {
    await reopen(/VAE · d = 2/);
    await expect
      .poll(async () => (await lossChartPoints(page)).vertices, { timeout: 30_000 })
      .toBeGreaterThan(0);
    await expect.poll(() => inkPixels(page, 'scatter'), { timeout: 30_000 }).toBeGreaterThan(300);
    await expect
      .poll(() => page.getByTestId('state-badge').first().getAttribute('data-state'))
      .toMatch(/stopped|done/);
  });

  /** "mean σ 0.41" under a latent plane, as a number. */
  const meanSigma = async (testId: string): Promise<number> => {
    const text = (await page.getByTestId(testId).textContent()) ?? '';
    return Number(/mean σ ([\d.e-]+)/.exec(text)?.[1] ?? Number.NaN);
  };

  it('trains the same VAE with β = 0 beside it: two latent planes, their numbers, and the bubbles apart (08-3)', async () => {
    await page.getByTestId('with-ae').check();
    await page.getByTestId('with-beta0').check();
    expect(await page.getByTestId('with-ae').isChecked()).toBe(false); // one beside it at a time
    await page.getByTestId('field-epochs').fill('30');
    await page.getByTestId('start').click();
    await expect.poll(() => page.getByTestId('state-badge').count(), { timeout: 30_000 }).toBe(2);
    await expect.poll(() => inkPixels(page, 'scatter-beta0'), { timeout: 60_000 }).toBeGreaterThan(300);
    await expect.poll(() => inkPixels(page, 'scatter'), { timeout: 60_000 }).toBeGreaterThan(300);
    const titles = page.locator('[data-testid^="latent"] h2');
    expect(await page.getByTestId('latent').locator('h2').textContent()).toBe('Latent space · VAE, β = 1');
    expect(await page.getByTestId('latent-beta0').locator('h2').textContent()).toBe(
      'Latent space · VAE, β = 0',
    );
    expect(await titles.count()).toBe(2);
    const [vae, twin] = [
      (await page.getByTestId('latent').boundingBox())!,
      (await page.getByTestId('latent-beta0').boundingBox())!,
    ];
    expect(Math.abs(vae.y - twin.y)).toBeLessThan(2);
    expect(twin.x).toBeGreaterThan(vae.x + vae.width - 1);
    for (const id of ['latent-numbers', 'latent-numbers-beta0']) {
      expect(await page.getByTestId(id).textContent()).toMatch(
        /^mean ‖μ‖ [\d.]+ · mean σ [\d.]+ · KL [\d.e+-]+ nats per digit$/,
      );
    }
    expect((await page.getByTestId('projection-note').textContent())?.trim()).toMatch(
      /^d = 2: the plane is μ itself/,
    );
    // Without the spring the bubbles shrink: two epochs in, the twin's σ is under half the VAE's.
    await expect.poll(() => epochOf(page), { timeout: 60_000 }).toBeGreaterThanOrEqual(2);
    await expect
      .poll(
        async () => (await meanSigma('latent-numbers-beta0')) < 0.5 * (await meanSigma('latent-numbers')),
        {
          timeout: 30_000,
        },
      )
      .toBe(true);
    await expect
      .poll(() => page.getByTestId('lecture-measured').nth(1).textContent())
      .toMatch(/^β = 1: mean ‖μ‖ [\d.]+, mean σ [\d.]+; β = 0: mean ‖μ‖ [\d.]+, mean σ [\d.]+ \(means/);
    await expect
      .poll(() =>
        page
          .getByTestId('runs-list')
          .getByRole('button', { name: /VAE β = 0 · d = 2/ })
          .count(),
      )
      .toBeGreaterThan(0);

    const shots = ['light 1440 900', 'light 1280 720', 'dark 1440 900', 'dark 1280 720'];
    for (const [theme, width, height] of shots.map((shot) => shot.split(' '))) {
      if ((await themeOf(page)) !== theme) await page.getByTestId('theme-toggle').click();
      await page.setViewportSize({ width: Number(width), height: Number(height) });
      await page.waitForTimeout(300);
      await screenshot(page, `vae-beta0-${width}x${height}-${theme}.png`);
    }
    await page.getByTestId('theme-toggle').click();
    await page.setViewportSize({ width: 1600, height: 1000 });
    await page.getByTestId('stop').click();
    await expect
      .poll(() => page.getByTestId('state-badge').nth(1).getAttribute('data-state'), { timeout: 30_000 })
      .toMatch(/stopped|done/);
  });

  it('reopens either run of the β pair with the other beside it and the tick on', async () => {
    await reopen(/VAE β = 0 · d = 2/);
    await expect.poll(() => page.getByTestId('latent-beta0').count(), { timeout: 30_000 }).toBe(1);
    await expect.poll(() => page.getByTestId('latent').count()).toBe(1);
    await expect.poll(() => inkPixels(page, 'scatter-beta0'), { timeout: 30_000 }).toBeGreaterThan(300);
    await expect.poll(() => inkPixels(page, 'scatter'), { timeout: 30_000 }).toBeGreaterThan(300);
    expect(await page.getByTestId('with-beta0').isChecked()).toBe(true);
    expect(await page.getByTestId('field-beta').inputValue()).toBe('1');
  });
});
