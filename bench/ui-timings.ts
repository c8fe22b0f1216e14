/**
 * The lab's latency budgets in Chromium (issue 2, "Speed"), browser mode on the real host and
 * trainer (host/server.ts), with the browser tests' helpers (tests/browser/browser.ts) and
 * the renderer's User Timing marks (renderer/lib/perf.ts):
 *   - Start → first loss point drawn, default (d = 2, h = 400) and course (d = 20) presets,
 *     SESSIONS fresh page loads each;
 *   - app launch: `bin/start.mjs --browser --no-open` spawned → page connected → Start →
 *     first point drawn, LAUNCHES times;
 *   - while that default run trains (SMOOTH sessions): requestAnimationFrame deltas over
 *     FRAME_MS (p95 per session), then DRAGS drags across the latent scatter, pointer event
 *     → decoded pixels written (the renderer's ebm:decode measure; p95 per session).
 * Targets: first point 3 s (p95 of runs), frames 16.7 ms and decode 16 ms (median of the
 * per-session p95s). Page loads are fresh each session; runs are stopped before the next.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { serve } from '../host/server.js';
import { measures } from '../renderer/lib/perf.js';
import {
  clearMeasures,
  dragOnScatter,
  ensureRendererBuilt,
  frameDeltas,
  inkPixels,
  launchBrowser,
  measuresOf,
  percentile,
} from '../tests/browser/browser.js';
import type { BenchContext, Benchmark } from './harness.js';
import { armFirstLossDrawn, firstLossDrawn } from './ui-probes.js';
import {
  epochNow,
  killGroup,
  latencyLine,
  pollUntil,
  requestedBackend,
  spawnNodeGroup,
  targets,
  tenth,
} from './timing.js';

const BENCH = 'ui-timings';
type Preset = 'default' | 'course';
const PRESETS: readonly Preset[] = ['default', 'course'];
const PRESET_BUTTON: Record<Preset, RegExp> = { default: /^Drag/, course: /^Course/ };
const SESSIONS = 5;
const SMOOTH = 3;
const LAUNCHES = 3;
const FRAME_MS = 3000;
const DRAG_STEPS = 40;
const DRAGS: readonly (readonly [[number, number], [number, number]])[] = [
  [
    [0.2, 0.3],
    [0.8, 0.7],
  ],
  [
    [0.8, 0.3],
    [0.2, 0.7],
  ],
  [
    [0.5, 0.15],
    [0.5, 0.85],
  ],
  [
    [0.15, 0.5],
    [0.85, 0.5],
  ],
];
const TIMEOUT_MS = 60_000;

const stateOf = (page: Page) => page.getByTestId('state-badge').first().getAttribute('data-state');

async function openLab(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForSelector('[data-testid="connection"][data-state="open"]', { timeout: TIMEOUT_MS });
}

/** Clicks Start; the first loss point as drawn, and as it arrived (renderer's measure). */
async function startRun(page: Page) {
  await armFirstLossDrawn(page);
  await page.getByTestId('start').click();
  const drawn = await firstLossDrawn(page, TIMEOUT_MS);
  const arrived = (await measuresOf(page, measures.startToFirstLoss)).at(-1) ?? null;
  const backend = await pollUntil(
    async () => /^on (\S+)$/.exec((await page.getByTestId('run-backend').textContent()) ?? '')?.[1],
    TIMEOUT_MS,
    'the run backend',
    50,
  );
  return { drawn, arrived, backend };
}

async function stopRun(page: Page): Promise<void> {
  await page.getByTestId('stop').click();
  await pollUntil(
    async () => (/stopped|done/.test((await stateOf(page)) ?? '') ? true : undefined),
    30_000,
    'the run to stop',
    50,
  );
}

interface Smoothness {
  readonly frames: number;
  readonly frameP95: number;
  /** Deltas over 1.5 frames of 60 Hz: a missed vsync. */
  readonly longFrames: number;
  readonly decodes: number;
  readonly decodeP95: number;
  readonly computeP95: number;
}

/** Frame p95 and drag-to-decode p95 while the run trains. */
async function smoothness(page: Page, ctx: BenchContext): Promise<Smoothness> {
  const ink = (id: string, min: number) => async () => ((await inkPixels(page, id)) > min ? true : undefined);
  await pollUntil(ink('scatter', 300), TIMEOUT_MS, 'the latent scatter', 100);
  await pollUntil(ink('preview', 0), TIMEOUT_MS, 'the decoded preview', 100);
  const deltas = await frameDeltas(page, FRAME_MS);
  await clearMeasures(page, measures.decode);
  await clearMeasures(page, measures.decodeCompute);
  for (const [from, to] of DRAGS) await dragOnScatter(page, 'scatter', from, to, DRAG_STEPS);
  const decodes = await measuresOf(page, measures.decode);
  const compute = await measuresOf(page, measures.decodeCompute);
  const state = await stateOf(page);
  if (state !== 'running') ctx.log(`${BENCH}: the run was ${state} by the end of the drags`);
  return {
    frames: deltas.length,
    frameP95: percentile(deltas, 95) ?? Number.NaN,
    longFrames: deltas.filter((d) => d > 25).length,
    decodes: decodes.length,
    decodeP95: percentile(decodes, 95) ?? Number.NaN,
    computeP95: percentile(compute, 95) ?? Number.NaN,
  };
}

/** `bin/start.mjs --browser --no-open` → page connected → Start → first point drawn. */
async function appLaunch(page: Page, backend: string | undefined) {
  const runsDir = mkdtempSync(join(tmpdir(), 'ebm-bench-app-'));
  const args = [
    'bin/start.mjs',
    '--browser',
    '--no-open',
    '--no-build',
    '--port',
    '0',
    '--runs-dir',
    runsDir,
  ];
  const start = epochNow();
  const proc = spawnNodeGroup(backend ? [...args, '--backend', backend] : args);
  try {
    let out = '';
    proc.child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    const url = await pollUntil(
      () => {
        if (proc.child.exitCode !== null) throw new Error(`start.mjs exited: ${proc.stderrTail()}`);
        return /(https?:\/\/\S+)/.exec(out)?.[1];
      },
      TIMEOUT_MS,
      'the URL from start.mjs',
    );
    await openLab(page, url);
    const ready = epochNow() - start;
    const { drawn } = await startRun(page);
    return { ready, first: drawn.epochMs - start };
  } finally {
    await killGroup(proc);
    rmSync(runsDir, { recursive: true, force: true });
  }
}

async function chooseLab(page: Page, url: string, preset: Preset): Promise<void> {
  await openLab(page, url);
  const button = page.getByTestId('vae-controls').getByRole('button', { name: PRESET_BUTTON[preset] });
  await button.click();
  if ((await button.getAttribute('aria-pressed')) !== 'true') throw new Error(`preset ${preset} not chosen`);
}

export const uiTimings: Benchmark = {
  name: BENCH,
  description:
    'Chromium: Start → first loss point, app launch → first point, frame p95 while training, drag-to-decode p95',
  optIn: false,
  async run(ctx) {
    ensureRendererBuilt();
    const backend = requestedBackend(ctx);
    const runsDir = mkdtempSync(join(tmpdir(), 'ebm-bench-ui-'));
    const server = await serve({ host: '127.0.0.1', port: 0, runsDir, ...(backend ? { backend } : {}) });
    const { context, page } = await launchBrowser();
    // tsx compiles with esbuild's keepNames: a named function inside a page.evaluate callback
    // (frameDeltas' tick) calls __name(), which exists in Node but not in the page.
    await context.addInitScript('globalThis.__name ??= (fn) => fn;');
    const drawn: Record<Preset, number[]> = { default: [], course: [] };
    const arrived: Record<Preset, number[]> = { default: [], course: [] };
    const smooth: Smoothness[] = [];
    const launches: { ready: number; first: number }[] = [];
    let used = backend ?? 'unknown';
    try {
      for (const preset of PRESETS) {
        for (let s = 0; s < SESSIONS; s++) {
          await chooseLab(page, server.url, preset);
          const run = await startRun(page);
          used = run.backend;
          drawn[preset].push(run.drawn.sinceStartMs);
          if (run.arrived !== null) arrived[preset].push(run.arrived);
          let note = '';
          if (preset === 'default' && s < SMOOTH) {
            const m = await smoothness(page, ctx);
            smooth.push(m);
            note = `; frame p95 ${m.frameP95.toFixed(1)} ms, decode p95 ${m.decodeP95.toFixed(1)} ms`;
          }
          await stopRun(page);
          ctx.log(
            `${BENCH}: ${preset} #${s + 1}: first point ${run.drawn.sinceStartMs.toFixed(0)} ms${note}`,
          );
        }
      }
      for (let r = 0; r < LAUNCHES; r++) {
        const l = await appLaunch(page, backend);
        launches.push(l);
        ctx.log(
          `${BENCH}: app launch #${r + 1}: ready ${l.ready.toFixed(0)} ms, first point ${l.first.toFixed(0)} ms`,
        );
      }
    } finally {
      await context.close();
      await server.close();
      rmSync(runsDir, { recursive: true, force: true });
    }
    const head = (metric: string) => ({ bench: BENCH, backend: used, metric });
    for (const preset of PRESETS) {
      ctx.emit(
        latencyLine(head('ui_start_to_first_loss_ms'), drawn[preset], targets.firstLoss, {
          preset,
          from: 'Start click (ebm:start-clicked mark)',
          to: 'first loss-chart vertex in the DOM',
          dataArrivedMs: arrived[preset].map(tenth),
        }),
      );
    }
    ctx.emit(
      latencyLine(
        head('app_launch_to_first_loss_ms'),
        launches.map((l) => l.first),
        targets.firstLoss,
        {
          preset: 'default',
          from: 'spawn of bin/start.mjs --browser --no-open --no-build',
          to: 'page connected, Start clicked, first loss-chart vertex in the DOM',
          pageReadyMs: launches.map((l) => Math.round(l.ready)),
        },
      ),
    );
    ctx.emit(
      latencyLine(
        head('frame_time_p95_ms'),
        smooth.map((m) => m.frameP95),
        targets.frame,
        {
          preset: 'default',
          over: `requestAnimationFrame deltas over ${FRAME_MS} ms per session while the run trains`,
          frames: smooth.map((m) => m.frames),
          longFrames: smooth.map((m) => m.longFrames),
        },
      ),
    );
    ctx.emit(
      latencyLine(
        head('drag_to_decode_p95_ms'),
        smooth.map((m) => m.decodeP95),
        targets.decode,
        {
          preset: 'default',
          over: `${DRAGS.length} drags × ${DRAG_STEPS} moves per session while the run trains`,
          to: 'decoded pixels written to the preview canvas (ebm:decode measure)',
          decodes: smooth.map((m) => m.decodes),
          computeP95Ms: smooth.map((m) => tenth(m.computeP95)),
        },
      ),
    );
  },
};
