/**
 * Parsing the ebm-lab command line: `--name value` or `--name=value`; a value flag takes the
 * next word whatever it looks like (so `--beta -1` reaches validation and gets the field's
 * sentence). Numbers are converted only when the text is one; otherwise the text itself goes
 * to the lab's parser, whose error names the field and what was given. The flags every
 * command shares are here; each lab's are in host/<lab>/cli.ts.
 */
import { backendNames, MAX_THREADS, type BackendName } from '../protocol/messages.js';

export class UsageError extends Error {}

export interface ParsedFlags {
  readonly positionals: readonly string[];
  readonly values: ReadonlyMap<string, string>;
  readonly switches: ReadonlySet<string>;
}

export function parseFlags(
  argv: readonly string[],
  valueFlags: readonly string[],
  switchFlags: readonly string[],
): ParsedFlags {
  const positionals: string[] = [];
  const values = new Map<string, string>();
  const switches = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i] as string;
    if (!word.startsWith('--')) {
      positionals.push(word);
      continue;
    }
    const eq = word.indexOf('=');
    const name = word.slice(2, eq < 0 ? undefined : eq);
    if (switchFlags.includes(name) && eq < 0) switches.add(name);
    else if (valueFlags.includes(name)) {
      const value = eq < 0 ? argv[++i] : word.slice(eq + 1);
      if (value === undefined) throw new UsageError(`--${name} needs a value.`);
      values.set(name, value);
    } else throw new UsageError(`Unknown option --${name}; see ebm-lab --help.`);
  }
  return { positionals, values, switches };
}

/** "12" → 12, "1e-3" → 0.001; anything else stays text for the validator to reject. */
export function numberOrText(text: string): number | string {
  const n = Number(text);
  return text.trim() !== '' && Number.isFinite(n) ? n : text;
}

export function parseBackend(text: string | undefined): BackendName | undefined {
  if (text === undefined) return undefined;
  if (!backendNames.includes(text as BackendName)) {
    throw new UsageError(`--backend must be one of ${backendNames.join(', ')}; got ${JSON.stringify(text)}.`);
  }
  return text as BackendName;
}

/** --threads N: ONNX Runtime's intra-op threads, 1 … MAX_THREADS. */
export function parseThreads(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > MAX_THREADS) {
    throw new UsageError(
      `--threads must be a whole number from 1 to ${MAX_THREADS}; got ${JSON.stringify(text)}.`,
    );
  }
  return n;
}

/** --max-runs N: runs that may train at once, 1 … 64. */
export function parseMaxRuns(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 64)
    throw new UsageError(`--max-runs must be a whole number from 1 to 64; got ${JSON.stringify(text)}.`);
  return n;
}
