/**
 * Training throughput over a sliding window of the last few seconds: samples per second
 * between the oldest mark in the window and now. Reset after a pause so idle time does not
 * count.
 */
export interface ThroughputMeter {
  mark(samplesSoFar: number, now: number): void;
  reset(): void;
  /** 0 until two marks exist. */
  perSecond(): number;
}

export function createThroughputMeter(windowMs = 3000): ThroughputMeter {
  let marks: { samples: number; t: number }[] = [];
  return {
    mark(samples, t) {
      marks.push({ samples, t });
      while (marks.length > 2 && t - (marks[1]?.t ?? t) >= windowMs) marks.shift();
    },
    reset() {
      marks = [];
    },
    perSecond() {
      const first = marks[0];
      const last = marks[marks.length - 1];
      if (!first || !last || last.t <= first.t) return 0;
      return ((last.samples - first.samples) * 1000) / (last.t - first.t);
    },
  };
}
