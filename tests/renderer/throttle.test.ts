import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createThrottle } from '../../renderer/lib/throttle.js';

describe('the one policy for sending live values', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends the first value at once, then at most one per interval, and always the last', () => {
    const throttle = createThrottle(80, () => Date.now());
    const sent: number[] = [];
    for (const v of [1, 2, 3]) throttle('beta', () => sent.push(v));
    expect(sent).toEqual([1]);
    vi.advanceTimersByTime(79);
    expect(sent).toEqual([1]);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual([1, 3]);
    vi.advanceTimersByTime(500);
    expect(sent).toEqual([1, 3]);
  });

  it('keeps each key to itself', () => {
    const throttle = createThrottle(80, () => Date.now());
    const sent: string[] = [];
    throttle('a', () => sent.push('a1'));
    throttle('b', () => sent.push('b1'));
    throttle('a', () => sent.push('a2'));
    expect(sent).toEqual(['a1', 'b1']);
    vi.advanceTimersByTime(80);
    expect(sent).toEqual(['a1', 'b1', 'a2']);
  });

  it('sends at once again after a quiet interval', () => {
    const throttle = createThrottle(80, () => Date.now());
    const sent: number[] = [];
    throttle('k', () => sent.push(1));
    vi.advanceTimersByTime(200);
    throttle('k', () => sent.push(2));
    expect(sent).toEqual([1, 2]);
  });
});
