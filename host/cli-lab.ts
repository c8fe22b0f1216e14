/**
 * What one lab's `ebm-lab train <name>` entry is (CliLab), and what every lab's flags share
 * (LabFlags): the preset a run starts from, kebab-case flags onto config fields
 * (`--latent-dim` → latentDim), numbers converted only when the text is one (so the lab's
 * parser names the field and its range); and the default line of a test point. Each lab's
 * entry lives in its slice, host/<lab>/cli.ts; host/cli-labs.ts is the registry.
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
  /** What the bar counts in `epochs`: 'epoch' (default), 'model' (a sweep), or null for none (step-counted labs). */
  readonly unit?: string | null;
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

/**
 * How a lab's flags become its config: a preset, then each numeric field's kebab-case flag
 * (`--latent-dim` → latentDim), then flags copied as text onto the field of their name, then
 * the lab's own flags (`more`), and last the lab's parser, whose sentences name the field.
 */
export interface LabFlags<C> {
  /** The lab's numeric fields (its field table). */
  readonly fields: object;
  /** Flags whose text goes as it is onto the field of the same name (e.g. variant). */
  readonly texts?: readonly string[];
  /** Flags `more` reads. */
  readonly others?: readonly string[];
  /** The presets by name (`--preset`, when there are several), and the one without the flag. */
  readonly presets: Readonly<Record<string, C>>;
  readonly preset: (values: ReadonlyMap<string, string>) => string;
  /** Sets the lab's other flags on `input` (the preset's copy); returns a sentence if one is wrong. */
  readonly more?: (
    values: ReadonlyMap<string, string>,
    input: Record<string, unknown>,
    preset: C,
  ) => string | void;
  readonly parse: (input: unknown) => Validation<C>;
}

/** The flags a lab takes, besides those every train command takes. */
export function valueFlagsOf<C>(flags: LabFlags<C>): string[] {
  const presets = Object.keys(flags.presets).length > 1 ? ['preset'] : [];
  return [
    ...Object.keys(fieldFlags(flags.fields)),
    ...(flags.texts ?? []),
    ...(flags.others ?? []),
    ...presets,
  ];
}

/** A lab's config from its flags, or the sentences of every wrong one. */
export function configFromFlags<C>(flags: LabFlags<C>, values: ReadonlyMap<string, string>): Parsed<C> {
  const name = values.get('preset') ?? flags.preset(values);
  const preset = Object.hasOwn(flags.presets, name) ? flags.presets[name] : undefined;
  if (preset === undefined) {
    const names = Object.keys(flags.presets).join(', ');
    return { ok: false, messages: [`--preset must be one of ${names}; got ${JSON.stringify(name)}.`] };
  }
  const input: Record<string, unknown> = { ...(preset as object) };
  for (const [flag, key] of Object.entries(fieldFlags(flags.fields))) {
    const text = values.get(flag);
    if (text !== undefined) input[key] = numberOrText(text);
  }
  for (const name of flags.texts ?? []) {
    const text = values.get(name);
    if (text !== undefined) input[name] = text;
  }
  const wrong = flags.more?.(values, input, preset);
  if (typeof wrong === 'string') return { ok: false, messages: [wrong] };
  const parsed = flags.parse(input);
  return parsed.ok
    ? { ok: true, config: parsed.value }
    : { ok: false, messages: parsed.errors.map((e) => e.message) };
}

/** One lab's entry: its help, its flags, its progress and (optionally) its test line. */
export interface CliLabOf<L extends LabName> {
  readonly help: string;
  readonly flags: LabFlags<LabConfigs[L]>;
  readonly progress: (config: LabConfigs[L]) => Progress;
  readonly testLine?: (event: MetricsEvent) => TestLine;
}

/** A CliLab of lab `lab`: its configs become StartSpecs of that lab. */
export function cliLab<L extends LabName>(lab: L, entry: CliLabOf<L>): CliLab {
  return {
    lab,
    help: entry.help,
    valueFlags: valueFlagsOf(entry.flags),
    parse(values) {
      const parsed = configFromFlags(entry.flags, values);
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
function fieldFlags(fields: object): Readonly<Record<string, string>> {
  return Object.fromEntries(Object.keys(fields).map((key) => [kebab(key), key]));
}

const lastOf = (event: MetricsEvent, column: string): number => event.columns[column]?.at(-1) ?? Number.NaN;

/**
 * A lab's line of a test point: the last values of `columns` (and the point's epoch and
 * step) as JSON, and the sentence `say` makes of them.
 */
export function testLineOf<K extends string>(
  columns: readonly K[],
  say: (values: Readonly<Record<K, number>>, epoch: number, event: MetricsEvent) => string,
): (event: MetricsEvent) => TestLine {
  return (event) => {
    const values = Object.fromEntries(columns.map((name) => [name, lastOf(event, name)])) as Record<
      K,
      number
    >;
    const epoch = Math.round(event.epochs.at(-1) ?? 0);
    return { text: say(values, epoch, event), json: { epoch, step: event.steps.at(-1), ...values } };
  };
}

/** The default line of a test point: every column of the last point. */
export const defaultTestLine = (event: MetricsEvent): TestLine =>
  testLineOf(Object.keys(event.columns), (values, epoch) => {
    const text = Object.entries(values)
      .map(([name, v]) => `${name} ${Number.isFinite(v) ? v.toPrecision(4) : 'n/a'}`)
      .join(', ');
    return `epoch ${epoch}: ${text}`;
  })(event);
