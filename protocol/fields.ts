/**
 * Field specifications for user-editable settings: one table per config type gives each
 * field its label, its allowed range and a one-line explanation, so that validation errors
 * name the field and the range, and the UI shows the same words beside each control.
 */
import { sayShared, type Said } from './texts.js';

export interface NumberField {
  readonly kind: 'int' | 'float';
  /** Label shown in the UI and in error messages, e.g. "latent size d". */
  readonly label: string;
  /** One-line explanation shown beside the control. */
  readonly help: string;
  readonly min: number;
  readonly max: number;
  /** True when the lower bound itself is not allowed (e.g. learning rate > 0). */
  readonly minExclusive?: boolean;
}

/**
 * An error about one setting: a coded sentence (protocol/texts.ts) naming the field, the
 * allowed range and what was given; `message` is its English.
 */
export interface FieldError extends Said {
  /** The config key, e.g. "beta". */
  readonly field: string;
}

/** A coded sentence about `field`. */
export const fieldError = (field: string, said: Said): FieldError => ({ field, ...said });

export type Validation<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly errors: readonly FieldError[] };

/** "got …" of an error: a string quoted, anything else as JavaScript writes it. */
export const shown = (value: unknown): string =>
  typeof value === 'string' ? JSON.stringify(value) : String(value);

/** Checks one numeric value against its spec; returns an error sentence or null. */
export function checkNumber(key: string, spec: NumberField, value: unknown): FieldError | null {
  const code =
    spec.kind === 'int'
      ? spec.minExclusive
        ? 'rangeIntAbove'
        : 'rangeInt'
      : spec.minExclusive
        ? 'rangeNumberAbove'
        : 'rangeNumber';
  const fail = (): FieldError =>
    fieldError(
      key,
      sayShared(code, { label: spec.label, field: key, min: spec.min, max: spec.max, got: shown(value) }),
    );
  if (typeof value !== 'number' || !Number.isFinite(value)) return fail();
  if (spec.kind === 'int' && !Number.isInteger(value)) return fail();
  if (spec.minExclusive ? value <= spec.min : value < spec.min) return fail();
  if (value > spec.max) return fail();
  return null;
}

/**
 * Validates the numeric fields of `input` against `specs`; keys of `specs` missing from
 * `input` take their value from `defaults`. Non-numeric fields are left to the caller.
 */
export function checkNumbers<K extends string>(
  specs: Readonly<Record<K, NumberField>>,
  input: Readonly<Record<string, unknown>>,
  defaults: Readonly<Record<K, number>>,
): Validation<Record<K, number>> {
  const errors: FieldError[] = [];
  const out = {} as Record<K, number>;
  for (const key of Object.keys(specs) as K[]) {
    const value = key in input ? input[key] : defaults[key];
    const error = checkNumber(key, specs[key], value);
    if (error) errors.push(error);
    else out[key] = value as number;
  }
  return errors.length ? { ok: false, errors } : { ok: true, value: out };
}

/** A table of fields by name, e.g. the parameters a run takes live (protocol/live-params.ts). */
export type FieldTable<P extends string = string> = { readonly [N in P]: NumberField };

export function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A failed validation, whatever it was to give. */
export interface Invalid {
  readonly ok: false;
  readonly errors: readonly FieldError[];
}

/** A failed validation with one error. */
export function invalid(field: string, said: Said): Invalid {
  return { ok: false, errors: [fieldError(field, said)] };
}

/** Null when `value` is one of `allowed`; else "heads must be one of shared, separate; got …". */
export function choiceError(field: string, allowed: readonly string[], value: unknown): FieldError | null {
  if (typeof value === 'string' && allowed.includes(value)) return null;
  return fieldError(
    field,
    sayShared('choice', { field, allowed: allowed.join(', '), got: JSON.stringify(value) }),
  );
}

/** Null when `value` is one of `allowed`; else 'variant must be "vae" or "ae"; got …'. */
export function quotedChoiceError(
  field: string,
  allowed: readonly string[],
  value: unknown,
): FieldError | null {
  if (typeof value === 'string' && allowed.includes(value)) return null;
  return fieldError(field, quotedChoice(field, allowed, value));
}

/** 'data.kind must be "mnist" or "patches"; got …' (`field` as it is named). */
export const quotedChoice = (field: string, allowed: readonly string[], value: unknown): Said =>
  sayShared('oneOfQuoted', {
    field,
    allowed: allowed.map((a) => `"${a}"`).join(' or '),
    got: JSON.stringify(value),
  });

/** 'data.whitening must be one of zca, none; got …' (`field` as it is named). */
export const listChoice = (field: string, allowed: readonly string[], value: unknown): Said =>
  sayShared('choice', { field, allowed: allowed.join(', '), got: JSON.stringify(value) });

/** Null when `value` is a boolean; else "betaZeroTwin must be true or false; got …". */
export function booleanError(field: string, value: unknown): FieldError | null {
  if (typeof value === 'boolean') return null;
  return fieldError(field, sayShared('trueOrFalse', { field, got: JSON.stringify(value) }));
}

/** A lab's config opened by openConfig: the object, the errors so far, the numbers once all are good. */
export type OpenedConfig<K extends string> =
  | Invalid
  | {
      readonly ok: true;
      readonly input: Readonly<Record<string, unknown>>;
      /** The numeric fields' errors, for the parser to add its own to. */
      readonly errors: FieldError[];
      /** Every numeric field, once they are all good (null otherwise). */
      readonly numbers: Record<K, number> | null;
    };

/**
 * The opening of every lab's config parser: `raw` must be an object ("The `what` must be an
 * object."), and its numeric fields are checked against `specs` (see checkNumbers); `defaults`
 * may depend on the object.
 */
export function openConfig<K extends string>(
  what: string,
  specs: Readonly<Record<K, NumberField>>,
  raw: unknown,
  defaults:
    Readonly<Record<K, number>> | ((input: Readonly<Record<string, unknown>>) => Readonly<Record<K, number>>),
): OpenedConfig<K> {
  if (!isRecord(raw)) return invalid('config', sayShared('notAnObject', { what }));
  const numbers = checkNumbers(specs, raw, typeof defaults === 'function' ? defaults(raw) : defaults);
  if (!numbers.ok) return { ok: true, input: raw, errors: [...numbers.errors], numbers: null };
  return { ok: true, input: raw, errors: [], numbers: numbers.value };
}

/** Adam's learning rate, as the labs trained by Adam state it: in (0, 1], changed live. */
export const adamLearningRate: NumberField = {
  kind: 'float',
  label: 'learning rate',
  help: "Adam's step size; change it live.",
  min: 0,
  max: 1,
  minExclusive: true,
};

/** The named fields of a table, in the order named (e.g. the parameters a run takes live). */
export function pickFields<T extends FieldTable, K extends keyof T & string>(
  table: T,
  ...names: K[]
): { readonly [N in K]: T[N] } {
  return Object.fromEntries(names.map((name) => [name, table[name]])) as { readonly [N in K]: T[N] };
}
