/**
 * Reconnection delays: exponential backoff with full jitter (AWS architecture blog, 2015),
 *   delay = random(0.5, 1) · min(max, base · 2^attempt).
 * The random source is passed in so tests are deterministic.
 */
export interface Backoff {
  readonly baseMs: number;
  readonly maxMs: number;
}

export const defaultBackoff: Backoff = { baseMs: 250, maxMs: 8000 };

export function backoffDelay(
  attempt: number,
  backoff: Backoff = defaultBackoff,
  random: () => number = Math.random,
): number {
  const cap = Math.min(backoff.maxMs, backoff.baseMs * 2 ** Math.max(0, attempt));
  return Math.round(cap * (0.5 + 0.5 * random()));
}
