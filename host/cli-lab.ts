/**
 * What one lab's `ebm-lab train <name>` entry is (CliLab), and the pieces every lab's flags
 * share: kebab-case flags onto config fields (`--latent-dim` → latentDim), numbers converted
 * only when the text is one (so the lab's parser names the field and its range), the preset a
 * run starts from, and the default line of a test point. Each lab's entry lives in its slice,
 * host/<lab>/cli.ts; host/cli-labs.ts is the registry.
 */
import type { Validation } from '../protocol/fields.js';
import type { LabConfigs, LabName, StartSpec } from '../protocol/labs.js';
import type { MetricsEvent } from '../protocol/messages.js';
import { numberOrText } from './cli-args.js';

/** A lab's config from its flags, or the sentences of every wrong one. */
export type Parsed<C> =
  { readonly ok: true; readonly config: C } | { readonly ok: false; readonly messages: string[] };

export type SpecFromFlags =
  { readonly ok: true; readonly spec: StartSpec } | { readonly ok: false; readonly messages: string[] };

/** Epochs (or rounds, or models) and samples per step, for the progress bar's labels and ETA. */
export interface Progress {
  readonly epochs: number;
  readonly samplesPerStep: number;
}

export interface TestLine {
  readonly text: string;
  readonly json: Record<string, unknown>;
}

export interface CliLab {
  /** The lab whose runs this entry starts. */
  readonly lab: LabName;
  /** Help lines (already indented), shown by `ebm-lab --help` and `ebm-lab train <name> --help`. */
  readonly help: string;
  /** Flags that take a value (besides runs-dir, backend and threads, which every lab takes). */
  readonly valueFlags: readonly string[];
  readonly parse: (values: ReadonlyMap<string, string>) => SpecFromFlags;
  readonly progress: (spec: StartSpec) => Progress;
  /** The line printed for a test point (default: every column of the last point). */
  readonly testLine?: (event: MetricsEvent) => TestLine;
}

/** One lab's entry, typed by its config: how its flags become a config, and its progress. */
export interface CliLabOf<L extends LabName> {
  readonly help: string;
  readonly valueFlags: readonly string[];
  readonly config: (values: ReadonlyMap<string, string>) => Parsed<LabConfigs[L]>;
  readonly progress: (config: LabConfigs[L]) => Progress;
  readonly testLine?: (event: MetricsEvent) => TestLine;
}

/** A CliLab of lab `lab`: its configs become StartSpecs of that lab. */
export function cliLab<L extends LabName>(lab: L, entry: CliLabOf<L>): CliLab {
  return {
    lab,
    help: entry.help,
    valueFlags: entry.valueFlags,
    parse(values) {
      const parsed = entry.config(values);
      return parsed.ok ? { ok: true, spec: { lab, config: parsed.config } as StartSpec } : parsed;
    },
    progress: (spec) =>
      spec.lab === lab ? entry.progress(spec.config as LabConfigs[L]) : { epochs: 1, samplesPerStep: 1 },
    ...(entry.testLine ? { testLine: entry.testLine } : {}),
  };
}

/** The progress of a lab that trains `epochs` passes of `batchSize` samples a step. */
export const epochsOfBatches = (config: {
  readonly epochs: number;
  readonly batchSize: number;
}): Progress => ({
  epochs: config.epochs,
  samplesPerStep: config.batchSize,
});

const kebab = (key: string): string => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** The flag of each numeric field of a lab (its field table's keys), e.g. `latent-dim` → latentDim. */
export function fieldFlags(fields: object): Readonly<Record<string, string>> {
  return Object.fromEntries(Object.keys(fields).map((key) => [kebab(key), key]));
}

/** Sets each field whose flag is given: a number when the text is one, the text otherwise. */
export function setNumbers(
  values: ReadonlyMap<string, string>,
  flags: Readonly<Record<string, string>>,
  into: Record<string, unknown>,
): void {
  for (const [flag, key] of Object.entries(flags)) {
    const text = values.get(flag);
    if (text !== undefined) into[key] = numberOrText(text);
  }
}

/** Sets each field of the same name as a given flag to its text. */
export function setTexts(
  values: ReadonlyMap<string, string>,
  names: readonly string[],
  into: Record<string, unknown>,
): void {
  for (const name of names) {
    const text = values.get(name);
    if (text !== undefined) into[name] = text;
  }
}

/**
 * The input a run starts from: a copy of the preset `--preset` names (`fallback` without
 * it), or the sentence that lists the presets.
 */
export function presetInput<P extends object>(
  values: ReadonlyMap<string, string>,
  presets: Readonly<Record<string, P>>,
  fallback: string,
):
  | { readonly ok: true; readonly input: Record<string, unknown>; readonly preset: P }
  | { readonly ok: false; readonly messages: string[] } {
  const name = values.get('preset') ?? fallback;
  const preset = Object.hasOwn(presets, name) ? presets[name] : undefined;
  if (preset === undefined) {
    const names = Object.keys(presets).join(', ');
    return { ok: false, messages: [`--preset must be one of ${names}; got ${JSON.stringify(name)}.`] };
  }
  return { ok: true, input: { ...(preset as Record<string, unknown>) }, preset };
}

/** A lab parser's answer as flags' answer: the config, or every error's sentence. */
export function parsedOf<C>(validation: Validation<C>): Parsed<C> {
  return validation.ok
    ? { ok: true, config: validation.value }
    : { ok: false, messages: validation.errors.map((e) => e.message) };
}

/** The last value of a column (NaN when the event has none). */
export const lastOf = (event: MetricsEvent, column: string): number =>
  event.columns[column]?.at(-1) ?? Number.NaN;

/** The epoch and step of a test point, for its JSON line. */
export function pointOf(event: MetricsEvent): { readonly epoch: number; readonly step: number | undefined } {
  return { epoch: Math.round(event.epochs.at(-1) ?? 0), step: event.steps.at(-1) };
}

/** The default line of a test point: every column of the last point. */
export function defaultTestLine(event: MetricsEvent): TestLine {
  const { epoch, step } = pointOf(event);
  const values = Object.fromEntries(Object.keys(event.columns).map((name) => [name, lastOf(event, name)]));
  const text = Object.entries(values)
    .map(([name, v]) => `${name} ${Number.isFinite(v) ? v.toPrecision(4) : 'n/a'}`)
    .join(', ');
  return { text: `epoch ${epoch}: ${text}`, json: { epoch, step, ...values } };
}
