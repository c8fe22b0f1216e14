/** A problem with one setting: the field's path and a sentence naming it, its allowed range and the value given. */
export interface ConfigIssue {
  /** e.g. "temperature" or "augment.rotation.strength". */
  readonly field: string;
  readonly message: string;
}

/** An issue for `field` unless `value` is a number in [min, max] (an integer when `integer`). */
export function rangeIssue(
  field: string,
  label: string,
  value: number,
  min: number,
  max: number,
  options: { integer?: boolean; minExclusive?: boolean } = {},
): ConfigIssue | null {
  const { integer = false, minExclusive = false } = options;
  const low = minExclusive ? value > min : value >= min;
  const ok = Number.isFinite(value) && low && value <= max && (!integer || Number.isInteger(value));
  if (ok) return null;
  const kind = integer ? 'a whole number' : 'a number';
  const lower = minExclusive ? `greater than ${min}` : `at least ${min}`;
  return { field, message: `${label} (${field}) must be ${kind} ${lower} and at most ${max}, got ${value}.` };
}

/** Throws one Error listing every issue (for factories that refuse a bad config). */
export function throwIfIssues(what: string, issues: readonly ConfigIssue[]): void {
  if (issues.length) throw new Error(`${what}: ${issues.map((i) => i.message).join(' ')}`);
}
