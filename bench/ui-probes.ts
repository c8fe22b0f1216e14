/**
 * In-page probes of the UI benchmark that the browser tests do not need: when the loss chart
 * first draws a point (a MutationObserver on its paths, so the time is that of the frame that
 * paints it, not of a later poll), measured from the renderer's Start mark
 * (renderer/lib/perf.ts).
 */
import type { Page } from 'playwright-core';
import { marks } from '../renderer/lib/perf.js';

// These run inside the page (page.evaluate); this Node project has no DOM types.
interface PageElement {
  getAttribute(name: string): string | null;
  querySelectorAll(selector: string): Iterable<PageElement>;
}
declare const document: {
  readonly body: unknown;
  querySelector(selector: string): PageElement | null;
};
declare class MutationObserver {
  constructor(callback: () => void);
  observe(target: unknown, options: Record<string, unknown>): void;
  disconnect(): void;
}
declare const window: { __ebmFirstLossDrawn?: Promise<number> };

/** Watches for the loss chart's first vertex; call before clicking Start. */
export async function armFirstLossDrawn(page: Page): Promise<void> {
  await page.evaluate(() => {
    window.__ebmFirstLossDrawn = new Promise<number>((done) => {
      const observer = new MutationObserver(() => {
        const paths = document
          .querySelector('svg[data-testid="loss-chart"]')
          ?.querySelectorAll('path[data-curve]');
        for (const path of paths ?? []) {
          if (!/[ML]/.test(path.getAttribute('d') ?? '')) continue;
          observer.disconnect();
          done(performance.now());
          return;
        }
      });
      observer.observe(document.body, {
        subtree: true,
        childList: true,
        attributes: true,
        attributeFilter: ['d'],
      });
    });
  });
}

export interface FirstLossDrawn {
  /** From the Start click's mark to the chart's first vertex in the DOM. */
  readonly sinceStartMs: number;
  /** When it was drawn, as performance.timeOrigin + now() (comparable across processes). */
  readonly epochMs: number;
}

/** Waits for the point armFirstLossDrawn watches for. */
export function firstLossDrawn(page: Page, timeoutMs: number): Promise<FirstLossDrawn> {
  return page.evaluate(
    async ({ timeout, startMark }) => {
      const armed = window.__ebmFirstLossDrawn;
      if (!armed) throw new Error('armFirstLossDrawn was not called');
      const at = await Promise.race([armed, new Promise<number>((r) => setTimeout(() => r(-1), timeout))]);
      if (at < 0) throw new Error(`no loss point drawn within ${timeout} ms`);
      const start = performance.getEntriesByName(startMark, 'mark').at(-1);
      if (!start) throw new Error(`no ${startMark} mark`);
      return { sinceStartMs: at - start.startTime, epochMs: performance.timeOrigin + at };
    },
    { timeout: timeoutMs, startMark: marks.startClicked },
  );
}
