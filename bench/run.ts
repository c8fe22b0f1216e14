/**
 * `npm run bench` — runs the benchmarks and prints one JSON object per measurement on stdout:
 *   {bench, backend, metric, value, unit, runs, median, ...}
 * Options:
 *   --only <name>[,<name>…]   run only these (opt-in benchmarks run only when named)
 *   --backend <name>          measure only this rung (onnxruntime, tensorflow-gpu,
 *                             tensorflow, wasm, cpu); default: every one that loads here
 *   --list                    list the benchmarks and exit
 * Progress goes to stderr.
 */
import { backendNames, type BackendName } from '../protocol/messages.js';
import { allBackends, type BenchContext, type Benchmark } from './harness.js';
import { contrastive } from './contrastive.js';
import { daeBench } from './dae.js';
import { convSparse } from './conv-sparse.js';
import { launchTiming } from './launch-timing.js';
import { energyMethodsBench } from './energy-methods.js';
import { soak } from './soak.js';
import { sparseFista } from './sparse-fista.js';
import { uiTimings } from './ui-timings.js';
import { vaeCourseLoss } from './vae-course-loss.js';
import { vaeThroughput } from './vae-throughput.js';

const benchmarks: readonly Benchmark[] = [
  vaeThroughput,
  daeBench,
  sparseFista,
  energyMethodsBench,
  convSparse,
  contrastive,
  launchTiming,
  uiTimings,
  vaeCourseLoss,
  soak,
];

function usage(message: string): never {
  process.stderr.write(
    `${message}\nusage: npm run bench -- [--only <name>[,<name>]] [--backend <name>] [--list]\n`,
  );
  process.exit(2);
}

function parseArgs(argv: readonly string[]) {
  let only: string[] | null = null;
  let backend: BackendName | null = null;
  let list = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [flag, inline] = arg.includes('=') ? (arg.split('=', 2) as [string, string]) : [arg, undefined];
    const value = () => inline ?? argv[++i] ?? usage(`${flag} needs a value`);
    if (flag === '--only') only = value().split(',').filter(Boolean);
    else if (flag === '--backend') {
      const name = value();
      if (!(backendNames as readonly string[]).includes(name))
        usage(`unknown backend '${name}' (${backendNames.join(', ')})`);
      backend = name as BackendName;
    } else if (flag === '--list') list = true;
    else usage(`unknown option '${arg}'`);
  }
  return { only, backend, list };
}

async function main(): Promise<void> {
  const { only, backend, list } = parseArgs(process.argv.slice(2));
  if (list) {
    for (const b of benchmarks)
      process.stderr.write(`${b.name}${b.optIn ? ' (opt-in)' : ''}: ${b.description}\n`);
    return;
  }
  const unknown = (only ?? []).filter((name) => !benchmarks.some((b) => b.name === name));
  if (unknown.length) usage(`unknown benchmark(s): ${unknown.join(', ')}`);
  const selected = benchmarks.filter((b) => (only ? only.includes(b.name) : !b.optIn));
  const ctx: BenchContext = {
    backends: backend ? [backend] : allBackends,
    emit: (m) => process.stdout.write(`${JSON.stringify(m)}\n`),
    log: (message) => process.stderr.write(`${message}\n`),
  };
  for (const b of selected) {
    ctx.log(`— ${b.name}`);
    await b.run(ctx);
  }
}

await main();
