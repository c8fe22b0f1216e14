/**
 * Soak (opt-in, `npm run bench -- --only soak`): trains one run in a real trainer process for a
 * set time and reports how its memory moves — the resident set (ONNX Runtime's native buffers
 * included) and the live TensorFlow.js tensors, both carried by the trainer's status events
 * (trainer/memory.ts). The slopes are least-squares fits over the second half of the run (the
 * first half is warm-up: sessions compile, caches fill); a leak shows as a steady positive
 * slope, a healthy run as a slope near 0.
 *   SOAK_SECONDS  how long to train (default 300)
 *   SOAK_LAB      vae (default), sparse, conv, dae, energy or contrastive, on its default config
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createForkLauncher } from '../host/fork-launcher.js';
import { createLabHost } from '../host/lab-host.js';
import { isLabName, labs, type StartSpec } from '../protocol/labs.js';
import type { LabEvent, StatusEvent } from '../protocol/messages.js';
import type { Benchmark } from './harness.js';

const BENCH = 'soak';

/** Least-squares slope of y against x. */
export function slope(x: readonly number[], y: readonly number[]): number {
  const n = x.length;
  if (n < 2) return Number.NaN;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += ((x[i] as number) - mx) * ((y[i] as number) - my);
    sxx += ((x[i] as number) - mx) ** 2;
  }
  return sxx === 0 ? Number.NaN : sxy / sxx;
}

export const soak: Benchmark = {
  name: BENCH,
  description: 'trains one run for SOAK_SECONDS (300) and reports the RSS and tensor-count slopes',
  optIn: true,
  async run(ctx) {
    const seconds = Number(process.env.SOAK_SECONDS ?? 300);
    const lab = process.env.SOAK_LAB ?? 'vae';
    if (!isLabName(lab)) throw new Error(`SOAK_LAB must name a lab; got ${JSON.stringify(lab)}`);
    const runsDir = await mkdtemp(join(tmpdir(), 'ebm-soak-'));
    const host = createLabHost({
      runsDir,
      launcher: createForkLauncher({ stdio: 'ignore' }),
      version: 'soak',
    });
    const samples: { t: number; rss: number; tensors: number }[] = [];
    const start = performance.now();
    let runId = '';
    let backend = '';
    const done = new Promise<void>((resolve) =>
      host.subscribe((event: LabEvent) => {
        if (event.type === 'status' && event.runId === runId) {
          const s = event as StatusEvent;
          if (s.backend) backend = s.backend.name;
          if (s.memory && s.state === 'running')
            samples.push({
              t: (performance.now() - start) / 1000,
              rss: s.memory.rssBytes,
              tensors: s.memory.tensors,
            });
        }
        if (event.type === 'done' && event.runId === runId) resolve();
      }),
    );
    // A long run: the lab's default config, with its length raised (where the form allows) so that
    // it outlasts the soak; the soak stops it.
    const parse = labs[lab].parse as (input: unknown) => { ok: boolean; value?: unknown };
    const longer = [{ epochs: 1000 }, { epochs: 200 }, { steps: 100_000 }, { steps: 20_000 }, {}];
    const config = longer.map((extra) => parse(extra)).find((v) => v.ok)?.value;
    const spec = { lab, config } as StartSpec;
    runId = await new Promise<string>((resolve, reject) =>
      host.dispatch({ type: 'start', requestId: 'soak', ...spec }, (e) =>
        e.type === 'run-created'
          ? resolve(e.runId)
          : e.type === 'error'
            ? reject(new Error(e.message))
            : undefined,
      ),
    );
    ctx.log(`${BENCH}: ${lab} for ${seconds} s…`);
    await Promise.race([done, new Promise((r) => setTimeout(r, seconds * 1000))]);
    host.dispatch({ type: 'stop', runId }, () => {});
    await done;
    await host.close();
    await rm(runsDir, { recursive: true, force: true });
    const late = samples.filter((s) => s.t >= seconds / 2);
    const t = late.map((s) => s.t / 60);
    const rssSlope = slope(
      t,
      late.map((s) => s.rss / 2 ** 20),
    );
    const tensorSlope = slope(
      t,
      late.map((s) => s.tensors),
    );
    const first = samples[0];
    const last = samples.at(-1);
    const common = { bench: BENCH, backend, runs: 1, lab, seconds, samples: samples.length };
    ctx.emit({
      ...common,
      metric: 'rss_slope',
      value: rssSlope,
      median: rssSlope,
      unit: 'MiB/min',
      rssFirstMiB: first ? first.rss / 2 ** 20 : null,
      rssLastMiB: last ? last.rss / 2 ** 20 : null,
    });
    ctx.emit({
      ...common,
      metric: 'tensor_slope',
      value: tensorSlope,
      median: tensorSlope,
      unit: 'tensors/min',
      tensorsFirst: first?.tensors ?? null,
      tensorsLast: last?.tensors ?? null,
    });
  },
};
