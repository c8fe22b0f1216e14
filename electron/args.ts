/**
 * The desktop app's own command-line flags (npm start passes them through):
 *   --runs-dir DIR   where run folders go (default: Documents/EBM Lab/runs)
 *   --backend NAME   onnxruntime-gpu | onnxruntime | tensorflow-gpu | tensorflow | wasm | cpu (default: the ladder)
 *   --threads N      ONNX Runtime's threads per run (default: every core but one, the window's)
 *   --no-gpu         never ONNX Runtime's GPU rung (as EBM_LAB_GPU=off does; main.ts sets it)
 * Anything else (Chromium's and Electron's own switches) is ignored here.
 */
import { backendNames, MAX_THREADS, type BackendName } from '../protocol/messages.js';

export interface AppArgs {
  readonly runsDir: string | null;
  readonly backend: BackendName | null;
  readonly threads: number | null;
  /** --no-gpu */
  readonly noGpu: boolean;
  /** Sentences about flags that were given but wrong. */
  readonly warnings: readonly string[];
}

function valueOf(argv: readonly string[], flag: string): string | null {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === flag) return argv[i + 1] ?? null;
    if (arg.startsWith(`${flag}=`)) return arg.slice(flag.length + 1);
  }
  return null;
}

export function parseAppArgs(argv: readonly string[]): AppArgs {
  const warnings: string[] = [];
  const runsDir = valueOf(argv, '--runs-dir');
  const backend = valueOf(argv, '--backend');
  const known = backend !== null && (backendNames as readonly string[]).includes(backend);
  if (backend !== null && !known) {
    warnings.push(
      `--backend must be one of ${backendNames.join(', ')}; got ${JSON.stringify(backend)}; using the ladder.`,
    );
  }
  const threadsText = valueOf(argv, '--threads');
  const threads = threadsText === null ? null : Number(threadsText);
  const threadsOk = threads !== null && Number.isInteger(threads) && threads >= 1 && threads <= MAX_THREADS;
  if (threadsText !== null && !threadsOk) {
    warnings.push(
      `--threads must be a whole number from 1 to ${MAX_THREADS}; got ${JSON.stringify(threadsText)}; using every core.`,
    );
  }
  return {
    runsDir: runsDir || null,
    backend: known ? (backend as BackendName) : null,
    threads: threadsOk ? threads : null,
    noGpu: argv.includes('--no-gpu'),
    warnings,
  };
}
