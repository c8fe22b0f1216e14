/**
 * Parsing the ebm-lab command line: `--name value` or `--name=value`; a value flag takes the
 * next word whatever it looks like (so `--beta -1` reaches validation and gets the field's
 * sentence). Numbers are converted only when the text is one; otherwise the text itself
 * goes to parseVaeConfig, whose error names the field and what was given.
 */
import { resolve } from 'node:path';
import { backendNames, MAX_THREADS, type BackendName } from '../protocol/messages.js';
import { parseVaeConfig, vaePresets, type VaeConfig, type VaePresetName } from '../protocol/vae/config.js';

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

/** CLI flag → VaeConfig field. */
export const configFlags = {
  'latent-dim': 'latentDim',
  'hidden-dim': 'hiddenDim',
  'batch-size': 'batchSize',
  'learning-rate': 'learningRate',
  epochs: 'epochs',
  beta: 'beta',
  seed: 'seed',
  'test-fraction': 'testFraction',
} as const;
const dataFlags = {
  images: 'images',
  labels: 'labels',
  'test-images': 'testImages',
  'test-labels': 'testLabels',
} as const;

export const trainValueFlags = [...Object.keys(configFlags), ...Object.keys(dataFlags), 'variant', 'preset'];

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

/** The VAE config of `train vae` flags, or the error sentences of every wrong field. */
export function vaeConfigFromFlags(
  values: ReadonlyMap<string, string>,
): { ok: true; config: VaeConfig } | { ok: false; messages: string[] } {
  const presetName = values.get('preset') ?? 'default';
  if (!(presetName in vaePresets)) {
    const names = Object.keys(vaePresets).join(', ');
    return { ok: false, messages: [`--preset must be one of ${names}; got ${JSON.stringify(presetName)}.`] };
  }
  const input: Record<string, unknown> = { ...vaePresets[presetName as VaePresetName] };
  for (const [flag, key] of Object.entries(configFlags)) {
    const text = values.get(flag);
    if (text !== undefined) input[key] = numberOrText(text);
  }
  if (values.has('variant')) input.variant = values.get('variant');
  const data: Record<string, string> = {};
  for (const [flag, key] of Object.entries(dataFlags)) {
    const text = values.get(flag);
    if (text !== undefined) data[key] = resolve(text);
  }
  if (Object.keys(data).length) input.data = { kind: 'idx', ...data };
  const parsed = parseVaeConfig(input);
  return parsed.ok
    ? { ok: true, config: parsed.value }
    : { ok: false, messages: parsed.errors.map((e) => e.message) };
}
