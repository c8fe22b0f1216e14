/**
 * Shared set-up of the browser tests: the renderer build, Debian's Chromium through
 * playwright-core, and small in-page probes (canvas pixels, path vertices, frame times).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { inflateSync } from 'node:zlib';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { serve } from '../../host/server.js';

// The probes below run inside the page (page.evaluate). This Node project has no DOM types,
// so the few page names they use are declared here (PageCanvas also for the test files' own probes).
export interface PageCanvas {
  readonly width: number;
  readonly height: number;
  getContext(kind: '2d'): {
    getImageData(x: number, y: number, w: number, h: number): { readonly data: Uint8ClampedArray };
  } | null;
}
interface PageElement {
  getAttribute(name: string): string | null;
  querySelectorAll(selector: string): Iterable<PageElement> & { readonly length: number };
}
declare const document: {
  querySelector<T = PageElement>(selector: string): T | null;
  readonly documentElement: { readonly dataset: Record<string, string | undefined> };
};
declare const window: { scrollTo(x: number, y: number): void };
declare function requestAnimationFrame(callback: (time: number) => void): number;

export const root = resolve(import.meta.dirname, '../..');
export const resultsDir = join(root, 'test-results');

/**
 * Builds dist/renderer once when it is missing (npm test builds it before vitest). The build's
 * output goes to stderr, so the benchmarks' JSON lines on stdout stay clean.
 */
export function ensureRendererBuilt(): void {
  if (existsSync(join(root, 'dist/renderer/index.html'))) return;
  execFileSync('npx', ['vite', 'build'], { cwd: root, stdio: ['ignore', 2, 2] });
}

export async function launchBrowser(): Promise<{ context: BrowserContext; page: Page }> {
  mkdirSync(resultsDir, { recursive: true });
  const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'ebm-chromium-')), {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    // English, whatever the machine's language: the tests read the window's English words.
    locale: 'en-US',
    viewport: { width: 1600, height: 1000 },
    acceptDownloads: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (error) => console.error('page error:', error.message));
  return { context, page };
}

/** What serves the renderer: the real host (host/server.ts) or the stand-in (fake-host.ts). */
export interface Served {
  readonly url: string;
  close(): Promise<void>;
}

/** A browser on a served renderer, with the fresh runs folder the server writes to. */
export interface LabPage<S extends Served = Served> {
  readonly server: S;
  readonly context: BrowserContext;
  readonly page: Page;
  readonly runsDir: string;
  /** Closes the browser, then the server. */
  close(): Promise<void>;
}

export interface LabPageOptions {
  /** Emulates the light colour scheme (default true). */
  light?: boolean;
  viewport?: { width: number; height: number };
  /** Waits for the connection badge to say open before resolving (default false). */
  waitForConnection?: boolean;
}

/** The real host, forking real trainers, on `runsDir`. */
export const realHost = (runsDir: string) => serve({ host: '127.0.0.1', port: 0, runsDir });

/**
 * The set-up and tear-down of a browser test file: before its tests, the renderer built,
 * `serveOn` a fresh runs folder (named `runsPrefix`…) and Chromium opened at its address, then
 * `onOpen` (to keep the page at hand); after them, the browser and the server closed. The
 * returned object is filled in when the tests run.
 */
export function useLabPage<S extends Served>(
  runsPrefix: string,
  serveOn: (runsDir: string) => Promise<S>,
  onOpen: (lab: LabPage<S>) => void,
  options: LabPageOptions = {},
): LabPage<S> {
  const lab = {} as LabPage<S>;
  beforeAll(async () => {
    Object.assign(lab, await openLabPage(runsPrefix, serveOn, options));
    onOpen(lab);
  });
  afterAll(async () => {
    await lab.close?.();
  });
  return lab;
}

async function openLabPage<S extends Served>(
  runsPrefix: string,
  serveOn: (runsDir: string) => Promise<S>,
  options: LabPageOptions,
): Promise<LabPage<S>> {
  ensureRendererBuilt();
  const runsDir = mkdtempSync(join(tmpdir(), runsPrefix));
  const server = await serveOn(runsDir);
  const { context, page } = await launchBrowser().catch(async (error: unknown) => {
    await server.close();
    throw error;
  });
  const close = async () => {
    await context.close();
    await server.close();
  };
  if (options.light ?? true) await page.emulateMedia({ colorScheme: 'light' });
  if (options.viewport) await page.setViewportSize(options.viewport);
  await page.goto(server.url);
  if (options.waitForConnection)
    await page.getByTestId('connection').and(page.locator('[data-state="open"]')).waitFor();
  return { server, context, page, runsDir, close };
}

/** Pixels of a canvas that differ from its top-left corner (the background). */
export function inkPixels(page: Page, testId: string): Promise<number> {
  return page.evaluate((id) => {
    const canvas = document.querySelector<PageCanvas>(`canvas[data-testid="${id}"]`);
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return -1;
    const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    let count = 0;
    for (let i = 0; i < data.length; i += 4) {
      const d =
        Math.abs(data[i]! - data[0]!) + Math.abs(data[i + 1]! - data[1]!) + Math.abs(data[i + 2]! - data[2]!);
      if (d > 30) count++;
    }
    return count;
  }, testId);
}

/** All RGBA bytes of a canvas, as a plain array. */
export function canvasPixels(page: Page, testId: string): Promise<number[]> {
  return page.evaluate((id) => {
    const canvas = document.querySelector<PageCanvas>(`canvas[data-testid="${id}"]`);
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return [];
    return Array.from(ctx.getImageData(0, 0, canvas.width, canvas.height).data);
  }, testId);
}

/** Vertices of the loss chart's train paths (M and L commands) plus its test markers. */
export function lossChartPoints(page: Page): Promise<{ vertices: number; markers: number }> {
  return page.evaluate(() => {
    const svg = document.querySelector('svg[data-testid="loss-chart"]');
    if (!svg) return { vertices: 0, markers: 0 };
    let vertices = 0;
    for (const path of svg.querySelectorAll('path[data-curve]'))
      vertices += (path.getAttribute('d') ?? '').match(/[ML]/g)?.length ?? 0;
    return { vertices, markers: svg.querySelectorAll('circle.marker').length };
  });
}

/** requestAnimationFrame deltas over `ms`, in milliseconds. */
export function frameDeltas(page: Page, ms: number): Promise<number[]> {
  return page.evaluate(
    (duration) =>
      new Promise<number[]>((done) => {
        const deltas: number[] = [];
        let last = -1;
        const start = performance.now();
        const tick = (t: number) => {
          if (last >= 0) deltas.push(t - last);
          last = t;
          if (t - start < duration) requestAnimationFrame(tick);
          else done(deltas);
        };
        requestAnimationFrame(tick);
      }),
    ms,
  );
}

/** True when the bytes start with the 8-byte PNG signature. */
export function isPng(bytes: Uint8Array): boolean {
  return [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((b, i) => bytes[i] === b);
}

export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Drags across the latent scatter from one fraction of its box to another. */
export async function dragOnScatter(
  page: Page,
  testId: string,
  from: [number, number],
  to: [number, number],
  steps: number,
): Promise<void> {
  const overlay = page.getByTestId(`${testId}-overlay`);
  await overlay.scrollIntoViewIfNeeded();
  const box = await overlay.boundingBox();
  if (!box) throw new Error(`no ${testId} on the page`);
  const at = (f: [number, number]) => [box.x + box.width * f[0], box.y + box.height * f[1]] as const;
  await page.mouse.move(...at(from));
  await page.mouse.down();
  await page.mouse.move(...at(to), { steps });
  await page.mouse.up();
}

/** Durations of the page's User Timing measures with this name (see renderer/lib/perf.ts). */
export function measuresOf(page: Page, name: string): Promise<number[]> {
  return page.evaluate((n) => performance.getEntriesByName(n, 'measure').map((e) => e.duration), name);
}

export function clearMeasures(page: Page, name: string): Promise<void> {
  return page.evaluate((n) => performance.clearMeasures(n), name);
}

export function themeOf(page: Page): Promise<string | undefined> {
  return page.evaluate(() => document.documentElement.dataset.theme);
}

/** A full-page screenshot from the top, into test-results/. */
export async function screenshot(page: Page, name: string): Promise<void> {
  // Transient notices are fixed to the window; close them so they do not float mid-page.
  const notices = page.getByTestId('notice').getByRole('button');
  for (let i = 0; i < 10 && (await notices.count()) > 0; i++) await notices.first().click();
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(resultsDir, name), fullPage: true });
}

/**
 * Decodes a PNG far enough to trust it: chunks walked, IDAT inflated (node:zlib) to exactly
 * height rows of 1 + width·channels bytes. (pngjs refuses the trailing bytes of Chromium's
 * encoder, so it is not used here.)
 */
export function decodePng(bytes: Uint8Array): { width: number; height: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  expect(Array.from(bytes.subarray(0, 8))).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  let at = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Uint8Array[] = [];
  while (at < bytes.length) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    const data = bytes.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      width = view.getUint32(at + 8);
      height = view.getUint32(at + 12);
      channels = ({ 0: 1, 2: 3, 4: 2, 6: 4 } as Record<number, number>)[data[9]!] ?? 0;
      expect(data[8]).toBe(8);
    } else if (type === 'IDAT') idat.push(data);
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  expect(raw.length).toBe(height * (1 + width * channels));
  return { width, height };
}
