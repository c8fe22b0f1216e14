/**
 * The ebm-lab command line: the same experiments as the app, headless, writing the same run
 * folders.
 *   ebm-lab train vae [--preset default|course|tiny] [--latent-dim N …] [--runs-dir DIR]
 *                     [--backend NAME] [--threads N] [--no-gpu] [--json]
 *   ebm-lab train <lab> --help   that lab's options
 *   ebm-lab runs [--runs-dir DIR]
 *   ebm-lab serve [--host 127.0.0.1] [--port 5173] [--runs-dir runs] [--backend NAME] [--threads N]
 *                 [--max-runs N] [--no-gpu]
 * Exit codes: 0 completed, 1 diverged or failed, 2 bad usage or an invalid setting,
 * 130 stopped by Ctrl-C (the checkpoint is kept).
 */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { BackendName, DoneEvent, LabEvent, StatusEvent } from '../protocol/messages.js';
import { labs, type StartSpec } from '../protocol/labs.js';
import { GPU_ENV } from '../protocol/engines.js';
import { headlineOf } from '../protocol/metrics.js';
import { parseBackend, parseFlags, parseMaxRuns, parseThreads, UsageError } from './cli-args.js';
import { defaultTestLine, type CliLab } from './cli-lab.js';
import { cliLabs } from './cli-labs.js';
import { createProgressPrinter } from './cli-progress.js';
import { createForkLauncher } from './fork-launcher.js';
import { createLabHost } from './lab-host.js';
import { createRunStore } from './run-store.js';
import { readVersion } from './version.js';

const TRAIN_OPTIONS = `    every train command also takes:
      --runs-dir DIR (default ./runs)  --json
      --backend onnxruntime-gpu|onnxruntime|tensorflow-gpu|tensorflow|wasm|cpu (default: the best
                    that loads; onnxruntime is ONNX Runtime on the CPU)
      --no-gpu      never the GPU rung (as EBM_LAB_GPU=off does)
      --threads N   ONNX Runtime's threads per run (default: every core, less about half for the
                    contrastive lab's augmentation workers; serve and the app keep one core for the window)
`;

const HELP = `EBM Lab ${readVersion()} — train the models of NYU Deep Learning week 8 and watch them learn.

${Object.values(cliLabs)
  .map((l) => l.help)
  .join('\n')}
${TRAIN_OPTIONS}  ebm-lab runs [--runs-dir DIR]   list the runs on disk
  ebm-lab serve [--host 127.0.0.1] [--port 5173] [--runs-dir DIR] [--backend NAME] [--threads N]
                [--max-runs N (runs that train at once; default: one per core, at least 4)] [--no-gpu]
                                  the lab in a browser (prints the URL)
`;

const out = (text: string): void => void process.stdout.write(`${text}\n`);
const err = (text: string): void => void process.stderr.write(`${text}\n`);

const isHelp = (word: string): boolean => word === '--help' || word === '-h';

/** --no-gpu: the trainers this process starts inherit EBM_LAB_GPU=off. */
function noGpu(switches: ReadonlySet<string>): void {
  if (switches.has('no-gpu')) process.env[GPU_ENV] = 'off';
}

async function train(argv: readonly string[]): Promise<number> {
  const name = argv[0] && !argv[0].startsWith('-') ? argv[0] : '';
  const lab = Object.hasOwn(cliLabs, name) ? cliLabs[name] : undefined;
  if (!lab && argv.some(isHelp)) return (process.stdout.write(HELP), 0);
  if (!lab) {
    const names = Object.keys(cliLabs).join(', ');
    throw new UsageError(`ebm-lab train needs a lab name: ${names}; got ${JSON.stringify(name)}.`);
  }
  if (argv.slice(1).some(isHelp)) return (process.stdout.write(`${lab.help}\n${TRAIN_OPTIONS}`), 0);
  const flags = parseFlags(
    argv.slice(1),
    [...lab.valueFlags, 'runs-dir', 'backend', 'threads'],
    ['json', 'no-gpu'],
  );
  if (flags.positionals.length)
    throw new UsageError(`Unexpected ${JSON.stringify(flags.positionals[0])}; see ebm-lab --help.`);
  const parsed = lab.parse(flags.values);
  if (!parsed.ok) {
    parsed.messages.forEach(err);
    return 2;
  }
  const backend = parseBackend(flags.values.get('backend'));
  const threads = parseThreads(flags.values.get('threads'));
  noGpu(flags.switches);
  const runsDir = resolve(flags.values.get('runs-dir') ?? 'runs');
  return runTraining(lab, parsed.spec, runsDir, { backend, threads }, flags.switches.has('json'));
}

async function runTraining(
  lab: CliLab,
  spec: StartSpec,
  runsDir: string,
  engine: { readonly backend: BackendName | undefined; readonly threads: number | undefined },
  json: boolean,
): Promise<number> {
  const { backend, threads } = engine;
  const host = createLabHost({
    runsDir,
    launcher: createForkLauncher(),
    version: readVersion(),
    ...(backend ? { backend } : {}),
    ...(threads ? { threads } : {}),
  });
  const { epochs, samplesPerStep, unit = 'epoch' } = lab.progress(spec);
  const { metrics } = labs[spec.lab];
  const progress = createProgressPrinter(process.stderr, epochs, samplesPerStep, 5000, unit);
  let runId: string | null = null;
  let runDir = '';
  /** The backend line last printed: printed again when it changes (the GPU rung's checks). */
  let announced = '';
  let lastLoss: number | null = null;
  let fieldError = false;
  let resolveDone: (done: DoneEvent) => void = () => {};
  const finished = new Promise<DoneEvent>((r) => (resolveDone = r));

  const onStatus = (status: StatusEvent): void => {
    const line = status.backend ? `${status.backend.name} (${status.backend.reason})` : '';
    if (line && line !== announced) {
      announced = line;
      if (json) out(JSON.stringify({ event: 'backend', ...status.backend }));
      else progress.line(`Backend: ${line}`);
    }
    if (status.state === 'running' || status.state === 'paused') progress.update(status, lastLoss);
  };
  const onEvent = (event: LabEvent): void => {
    if (!('runId' in event) || event.runId !== runId) return;
    if (event.type === 'status') onStatus(event);
    else if (event.type === 'metrics') {
      const lastValue = headlineOf(metrics, event.columns)?.at(-1);
      if (event.split === 'train' && lastValue !== undefined) lastLoss = lastValue;
      if (event.split === 'test') {
        const line = (lab.testLine ?? defaultTestLine)(event);
        if (json) out(JSON.stringify({ event: 'test', ...line.json }));
        else progress.line(line.text);
      }
    } else if (event.type === 'error') {
      if (event.field && event.field !== 'data') fieldError = true;
      progress.line(`Error: ${event.message}`);
    } else if (event.type === 'done') resolveDone(event);
  };
  host.subscribe(onEvent);

  let interrupts = 0;
  const onSigint = (): void => {
    interrupts++;
    if (interrupts > 1 || runId === null) process.exit(130);
    progress.line('Stopping… (the checkpoint is kept; press Ctrl-C again to quit at once)');
    host.dispatch({ type: 'stop', runId }, onEvent);
  };
  process.on('SIGINT', onSigint);

  const created = new Promise<void>((resolveCreated, reject) => {
    host.dispatch({ type: 'start', requestId: 'cli', ...spec }, (event) => {
      if (event.type === 'run-created') {
        runId = event.runId;
        runDir = resolve(runsDir, event.runId);
        resolveCreated();
      } else if (event.type === 'error') reject(new Error(event.message));
    });
  });
  await created;
  if (!json) progress.line(`Run ${runId} → ${runDir}`);
  const done = await finished;
  progress.end();
  await host.close();
  process.off('SIGINT', onSigint);
  // A start the trainer refused (bad input) leaves no run folder (lab-host.ts).
  const kept = (await stat(runDir).catch(() => null)) !== null;
  if (json) {
    const folder = kept ? runDir : null;
    out(JSON.stringify({ event: 'done', runId, runDir: folder, reason: done.reason, message: done.message }));
  } else {
    out(done.message);
    if (kept) out(`Run folder: ${runDir}`);
  }
  if (done.reason === 'completed') return 0;
  if (done.reason === 'stopped') return 130;
  return fieldError ? 2 : 1;
}

async function runs(argv: readonly string[]): Promise<number> {
  const flags = parseFlags(argv, ['runs-dir'], ['json']);
  const store = createRunStore(resolve(flags.values.get('runs-dir') ?? 'runs'));
  const folder = await stat(store.runsDir).catch(() => null);
  if (folder && !folder.isDirectory())
    throw new UsageError(`--runs-dir ${store.runsDir} is a file, not a folder of runs.`);
  const { runs: list, damaged } = await store.scan();
  if (flags.switches.has('json')) return (out(JSON.stringify(list)), 0);
  if (list.length === 0 && damaged.length === 0) return (out(`No runs in ${store.runsDir}.`), 0);
  for (const r of list) {
    const loss = r.lastTestLoss === null ? '–' : r.lastTestLoss.toFixed(2);
    out(
      `${r.runId}  ${r.state.padEnd(8)} step ${String(r.lastStep).padStart(6)}  test ${loss.padStart(8)}  ${r.name === undefined ? r.label : `${r.name} (${r.label})`}`,
    );
  }
  for (const d of damaged) out(`${d.runId}  damaged  ${d.problem}`);
  return 0;
}

async function serveCommand(argv: readonly string[]): Promise<number> {
  const flags = parseFlags(
    argv,
    ['host', 'port', 'runs-dir', 'backend', 'threads', 'max-runs'],
    ['open', 'no-gpu'],
  );
  const port = Number(flags.values.get('port') ?? 5173);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(
      `--port must be a whole number from 0 to 65535; got ${JSON.stringify(flags.values.get('port'))}.`,
    );
  }
  const backend = parseBackend(flags.values.get('backend'));
  const threads = parseThreads(flags.values.get('threads'));
  const maxRuns = parseMaxRuns(flags.values.get('max-runs'));
  noGpu(flags.switches);
  // Loaded lazily: train and runs do not need the HTTP server.
  const { serve } = await import('./server.js');
  const server = await serve({
    host: flags.values.get('host') ?? '127.0.0.1',
    port,
    runsDir: resolve(flags.values.get('runs-dir') ?? 'runs'),
    ...(backend ? { backend } : {}),
    ...(threads ? { threads } : {}),
    ...(maxRuns ? { maxRuns } : {}),
    open: flags.switches.has('open'),
  });
  out(`EBM Lab is serving at ${server.url}`);
  await new Promise<void>((r) => {
    process.once('SIGINT', r);
    process.once('SIGTERM', r);
  });
  await server.close();
  return 0;
}

/** Runs the command line; resolves with the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'train':
        return await train(rest);
      case 'runs':
        return await runs(rest);
      case 'serve':
        return await serveCommand(rest);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        process.stdout.write(HELP);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`Unknown command ${JSON.stringify(command)}; see ebm-lab --help.`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      err(e.message);
      return 2;
    }
    err(`ebm-lab: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}
