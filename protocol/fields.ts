/**
 * Field specifications for user-editable settings: one table per config type gives each
 * field its label, its allowed range and a one-line explanation, so that validation errors
 * name the field and the range, and the UI shows the same words beside each control.
 */

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

export interface FieldError {
  /** The config key, e.g. "beta". */
  readonly field: string;
  /** A full sentence naming the field, the allowed range and what was given. */
  readonly message: string;
}

export type Validation<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly errors: readonly FieldError[] };

export function describeRange(spec: NumberField): string {
  const kind = spec.kind === 'int' ? 'a whole number' : 'a number';
  const lower = spec.minExclusive ? `greater than ${spec.min}` : `at least ${spec.min}`;
  return `${kind} ${lower} and at most ${spec.max}`;
}

/** Checks one numeric value against its spec; returns an error sentence or null. */
export function checkNumber(key: string, spec: NumberField, value: unknown): FieldError | null {
  const shown = typeof value === 'string' ? JSON.stringify(value) : String(value);
  const fail = (): FieldError => ({
    field: key,
    message: `${spec.label} (${key}) must be ${describeRange(spec)}; got ${shown}.`,
  });
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
