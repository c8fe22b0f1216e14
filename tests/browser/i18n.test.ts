/**
 * The window in Italian, in Chromium on the real host and trainers: the language switch beside
 * the theme button turns every lab's words Italian (its welcome before a run, its views, controls
 * and progress while one trains) with no English UI words left, the choice survives a reload,
 * numbers show a decimal comma, and English comes back at a switch. Screenshots of every lab in
 * Italian at 1440×900 and 1280×720, light and dark, are kept in test-results/
 * (i18n-it-<lab>-<size>-<theme>.png); a probe checks nothing sticks out of its box.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { realHost, resultsDir, themeOf, useLabPage } from './browser.js';

// The probes run inside the page; this Node project has no DOM types for the few names they use.
declare const window: { readonly innerWidth: number; scrollTo(x: number, y: number): void };
declare function getComputedStyle(element: unknown): { readonly display: string };
interface PageBox {
  readonly offsetParent: unknown;
  readonly children: { readonly length: number };
  readonly textContent: string | null;
  readonly tagName: string;
  readonly className: string;
  readonly scrollWidth: number;
  readonly clientWidth: number;
  closest(selector: string): unknown;
  getBoundingClientRect(): { readonly right: number };
}
declare const document: { querySelectorAll(selector: string): ArrayLike<PageBox> };

let page: Page;
useLabPage('ebm-i18n-', realHost, (opened) => ({ page } = opened), {
  viewport: { width: 1440, height: 900 },
  waitForConnection: true,
});

/** English words of the window's own text (never in the Italian catalogue; maths, MNIST, PNG and backend names are shared). */
const english =
  /\b(the|and|of|with|while|training|train|loss|step|steps|epoch|epochs|noise|digits?|samples?|start|stop|pause|resume|settings|equations|present|lecture|shows|says|waiting|snapshot|show all|learning rate|batch size|seed|clean|corrupted|denoised|atoms?|temperature|similarity|embedding map|energy|latent space|reconstruction|preset|custom)\b/gi;

/** The words of `testid` (or the whole main view) a user can read. */
const visibleText = async (selector = 'main'): Promise<string> =>
  (await page.locator(selector).allInnerTexts()).join('\n');

async function englishIn(selector = 'main'): Promise<string[]> {
  const text = await visibleText(selector);
  return [...text.matchAll(english)].map((m) => {
    const at = m.index ?? 0;
    return `${m[0]} ← «${text.slice(Math.max(0, at - 30), at + 30).replace(/\s+/g, ' ')}»`;
  });
}

/** Elements whose text runs out of their box (clipped or overflowing), by a short description. */
const overflowing = (): Promise<string[]> =>
  page.evaluate(() => {
    const out: string[] = [];
    for (const el of Array.from(document.querySelectorAll('main *, nav *'))) {
      const text = el.textContent?.trim() ?? '';
      if (!el.offsetParent || el.children.length > 0 || !text) continue;
      if (el.closest('svg') || el.tagName === 'OPTION' || el.tagName === 'SELECT') continue;
      const style = getComputedStyle(el);
      if (el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0 && style.display !== 'inline')
        out.push(`${el.tagName.toLowerCase()}.${el.className}: ${text.slice(0, 40)}`);
      const box = el.getBoundingClientRect();
      if (box.right > window.innerWidth + 1)
        out.push(`off screen: ${el.tagName.toLowerCase()}: ${text.slice(0, 40)}`);
    }
    return out;
  });

const state = (): Promise<string | null> =>
  page.getByTestId('state-badge').first().getAttribute('data-state');

/**
 * The run takes training steps: no start-up phase on show (baselines, a warm-up, a bank) and a
 * measured speed; then a moment for the views that follow the first points.
 */
async function training(): Promise<void> {
  const speed = page.getByTestId('run-speed').first();
  await expect
    .poll(async () => (await speed.count()) > 0 && !(await speed.innerText()).startsWith('—'), {
      timeout: 120_000,
    })
    .toBe(true);
  await page.waitForTimeout(1500);
}

async function stopIfRunning(): Promise<void> {
  if (!(await page.getByTestId('stop').isEnabled())) return;
  await page.getByTestId('stop').click();
  await expect.poll(state, { timeout: 60_000 }).toMatch(/stopped|done|failed/);
}

describe('the window in Italian', () => {
  it('starts in English here and switches to Italian beside the theme button', async () => {
    expect(await page.getByTestId('start').innerText()).toBe('Start training');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.getByTestId('language').selectOption('it');
    expect(await page.getByTestId('start').innerText()).toBe('Avvia l’addestramento');
    expect(await page.locator('html').getAttribute('lang')).toBe('it');
    expect((await visibleText('nav')).toLowerCase()).toContain('laboratori');
  });

  it('remembers the choice across a reload', async () => {
    await page.reload();
    await page.getByTestId('connection').and(page.locator('[data-state="open"]')).waitFor();
    expect(await page.getByTestId('language').inputValue()).toBe('it');
    expect(await page.getByTestId('start').innerText()).toBe('Avvia l’addestramento');
  });

  /** Each lab, a small run of it, and Italian words its page must show. */
  const labs: { lab: string; words: string[]; setup: () => Promise<void> }[] = [
    {
      lab: 'energy',
      words: ['Energia sul piano', 'Metodo', 'Divergenza contrastiva'],
      setup: async () => {},
    },
    {
      lab: 'dae',
      words: ['Pulite · corrotte · ripulite', 'Rumore gaussiano'],
      setup: () => page.getByTestId('field-epochs').fill('100'),
    },
    {
      lab: 'sparse',
      words: ['Codificazione sparsa', 'Dizionario'],
      setup: async () => {
        await page.getByTestId('preset-patches8').click();
        await page.getByTestId('field-epochs').fill('500');
      },
    },
    {
      lab: 'conv',
      words: ['Codificazione sparsa convoluzionale', 'kernel'],
      setup: () => page.getByTestId('conv-preset-single').click(),
    },
    {
      lab: 'contrastive',
      words: ['Embedding contrastivi', 'temperatura τ'],
      setup: () => page.getByTestId('preset-quick').click(),
    },
    {
      lab: 'vae',
      words: ['Autoencoder variazionale', 'Spazio latente'],
      setup: () => page.getByTestId('field-epochs').fill('40'),
    },
  ];

  for (const { lab, words, setup } of labs) {
    it(`words the ${lab} lab in Italian, before and while it trains, with nothing sticking out`, async () => {
      await page.setViewportSize({ width: 1440, height: 900 });
      await page.getByTestId(`lab-${lab}`).click();
      expect(await englishIn(), 'welcome').toEqual([]);
      expect(await englishIn('nav h3, nav .brand'), 'sidebar').toEqual([]);
      await setup();
      await page.getByTestId('start').click();
      await expect.poll(state, { timeout: 90_000 }).toBe('running');
      // Start-up phases are Italian too: read them while they are on show.
      const phase = page.getByTestId('run-phase');
      if (await phase.count()) expect(await englishIn('[data-testid="run-phase"]'), 'phase').toEqual([]);
      await training(); // views and curves to read
      const text = (await visibleText()).toLowerCase();
      for (const word of [...words, 'Avvia l’addestramento', 'Durante l’addestramento', 'in addestramento'])
        expect(text, word).toContain(word.toLowerCase());
      expect(await englishIn(), 'while training').toEqual([]);
      for (const theme of ['light', 'dark'] as const) {
        if ((await themeOf(page)) !== theme) await page.getByTestId('theme-toggle').click();
        for (const [width, height] of [
          [1440, 900],
          [1280, 720],
        ] as const) {
          await page.setViewportSize({ width, height });
          await page.evaluate(() => window.scrollTo(0, 0));
          await page.waitForTimeout(300);
          expect(await overflowing(), `${lab} ${width}×${height} ${theme}`).toEqual([]);
          await page.screenshot({ path: join(resultsDir, `i18n-it-${lab}-${width}x${height}-${theme}.png`) });
        }
      }
      await page.getByTestId('theme-toggle').click();
      await stopIfRunning();
    });
  }

  it('refuses a setting out of range in Italian, naming the setting as the form does', async () => {
    await page.getByTestId('lab-contrastive').click();
    await page.getByTestId('preset-quick').click();
    // A preset's value with a decimal comma, as the language writes it.
    expect(await page.getByTestId('field-temperature').inputValue()).toMatch(/^\d+,\d+$/);
    await page.getByTestId('field-temperature').fill('0,001');
    await expect
      .poll(() => page.getByTestId('field-temperature-error').textContent())
      .toBe('temperatura τ (temperature) deve essere un numero tra 0,01 e 10; valore dato: 0,001.');
    expect(await page.getByTestId('start').isDisabled()).toBe(true);
    await page.getByTestId('field-temperature').fill('0,5');
    await expect.poll(() => page.getByTestId('field-temperature-error').count()).toBe(0);
  });

  it('closes a finished run with its sentence in Italian', async () => {
    await page.getByTestId('lab-energy').click();
    await page.getByTestId('field-steps').fill('150');
    await page.getByTestId('start').click();
    await expect.poll(state, { timeout: 120_000 }).toBe('done');
    const closing = await page.getByTestId('run-message').innerText();
    expect(closing).toMatch(/Addestrato per 150 passi in \d+,\d s; energia media dei dati -?\d+,\d{3}/);
    expect(await englishIn('[data-testid="run-message"]')).toEqual([]);
  });

  it('writes numbers with a decimal comma', async () => {
    await page.getByTestId('lab-dae').click();
    expect(await page.getByTestId('live-strength-value').innerText()).toBe('0,5');
    expect(await page.getByTestId('live-learningRate-value').innerText()).toBe('1,0e-3');
  });

  it('speaks English again after switching back', async () => {
    await page.getByTestId('language').selectOption('en');
    expect(await page.getByTestId('start').innerText()).toBe('Start training');
    expect(await page.getByTestId('live-strength-value').innerText()).toBe('0.5');
    // What was typed with a comma in Italian reads the English way, and stays valid.
    await page.getByTestId('lab-contrastive').click();
    expect(await page.getByTestId('field-temperature').inputValue()).toBe('0.5');
    expect(await page.getByTestId('field-temperature-error').count()).toBe(0);
  });
});
