/**
 * User Timing marks for the lab's latency budgets (read by the browser tests and visible in
 * DevTools' Performance panel): Start → first loss point, pointer event → decoded pixels.
 */
export const marks = {
  startClicked: 'ebm:start-clicked',
  firstLossPoint: 'ebm:first-loss-point',
} as const;

export const measures = {
  startToFirstLoss: 'ebm:start-to-first-loss',
  decode: 'ebm:decode',
  /** The decode and the canvas write alone, without the wait for the frame. */
  decodeCompute: 'ebm:decode-compute',
} as const;

let decodeCount = 0;

export function markStartClicked(): void {
  performance.clearMarks(marks.firstLossPoint);
  performance.mark(marks.startClicked);
}

/** Called when a run's first train metrics arrive; measures from the last Start click. */
export function markFirstLossPoint(): void {
  if (performance.getEntriesByName(marks.startClicked, 'mark').length === 0) return;
  if (performance.getEntriesByName(marks.firstLossPoint, 'mark').length > 0) return;
  performance.mark(marks.firstLossPoint);
  performance.measure(measures.startToFirstLoss, marks.startClicked, marks.firstLossPoint);
}

/**
 * From an input event's timestamp (same clock as performance.now) to now, the pixels being
 * written; and the decode's own share, from `computeStart`.
 */
export function measureDecode(eventTimeStamp: number, computeStart: number): void {
  if (++decodeCount % 2000 === 0) {
    performance.clearMeasures(measures.decode);
    performance.clearMeasures(measures.decodeCompute);
  }
  const end = performance.now();
  performance.measure(measures.decode, { start: eventTimeStamp, end });
  performance.measure(measures.decodeCompute, { start: computeStart, end });
}
