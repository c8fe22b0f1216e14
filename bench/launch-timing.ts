/**
 * Launch → first loss point, headless: from spawning `ebm-lab train vae --preset <p>` to the
 * first train row in the run folder's metrics.jsonl (polled every 5 ms), for the default
 * (d = 2) and course (d = 20, h = 400) presets. One warm-up launch first (disk cache), then
 * RUNS timed ones per preset; each launch is killed with its process group once the row is
 * there. Target (issue 2, "Speed"): first point within 3 s, judged on the p95.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { VaePresetName } from '../protocol/vae/config.js';
import { CONFIG_FILE, METRICS_FILE } from '../host/run-layout.js';
import type { Benchmark } from './harness.js';
import { killGroup, latencyLine, pollUntil, requestedBackend, spawnNodeGroup, targets } from './timing.js';

const BENCH = 'launch-timing';
const RUNS = 5;
const PRESETS: readonly VaePresetName[] = ['default', 'course'];
const TIMEOUT_MS = 60_000;

/** The run folder under `runsDir` once its metrics.jsonl holds a train row. */
function firstTrainRow(runsDir: string): string | undefined {
  for (const name of readdirSync(runsDir)) {
    const file = join(runsDir, name, METRICS_FILE);
    if (!existsSync(file)) continue;
    const lines = readFileSync(file, 'utf8').split('\n');
    // The last line may be half written: only whole lines count.
    for (const line of lines.slice(0, -1)) {
      if ((JSON.parse(line) as { split?: unknown }).split === 'train') return join(runsDir, name);
    }
  }
  return undefined;
}

/** Milliseconds from spawn to the first train row, and the backend the run used. */
async function launchOnce(
  preset: VaePresetName,
  backend: string | undefined,
): Promise<{ ms: number; backend: string }> {
  const runsDir = mkdtempSync(join(tmpdir(), 'ebm-bench-launch-'));
  const args = ['bin/ebm-lab.mjs', 'train', 'vae', '--preset', preset, '--runs-dir', runsDir];
  const start = performance.now();
  const proc = spawnNodeGroup(backend ? [...args, '--backend', backend] : args);
  proc.child.stdout?.resume();
  try {
    const exited = new Promise<never>((_, fail) =>
      proc.child.once('exit', (code) =>
        fail(new Error(`ebm-lab exited (${code}) before a loss point: ${proc.stderrTail()}`)),
      ),
    );
    exited.catch(() => {});
    const runDir = await Promise.race([
      pollUntil(() => firstTrainRow(runsDir), TIMEOUT_MS, `the first loss row (preset ${preset})`),
      exited,
    ]);
    const ms = performance.now() - start;
    const stored = JSON.parse(readFileSync(join(runDir, CONFIG_FILE), 'utf8')) as {
      backend: { name: string } | null;
    };
    return { ms, backend: stored.backend?.name ?? backend ?? 'unknown' };
  } finally {
    await killGroup(proc);
    rmSync(runsDir, { recursive: true, force: true });
  }
}

export const launchTiming: Benchmark = {
  name: BENCH,
  description: 'CLI launch → first loss row in metrics.jsonl, default and course presets (target 3 s)',
  optIn: false,
  async run(ctx) {
    const backend = requestedBackend(ctx);
    ctx.log(`${BENCH}: warm-up launch…`);
    await launchOnce('default', backend);
    for (const preset of PRESETS) {
      const times: number[] = [];
      let used = backend ?? 'unknown';
      for (let r = 0; r < RUNS; r++) {
        const { ms, backend: name } = await launchOnce(preset, backend);
        times.push(ms);
        used = name;
        ctx.log(`${BENCH}: ${preset} #${r + 1}: ${ms.toFixed(0)} ms on ${name}`);
      }
      ctx.emit(
        latencyLine(
          { bench: BENCH, backend: used, metric: 'cli_launch_to_first_loss_ms' },
          times,
          targets.firstLoss,
          { preset, from: 'spawn of ebm-lab train vae', to: 'first train row in metrics.jsonl' },
        ),
      );
    }
  },
};
