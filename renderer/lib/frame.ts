/**
 * Coalescing work to the next animation frame: however many events arrive between two
 * frames, each scheduled task runs once, just before the browser paints.
 */
const raf: (fn: () => void) => void =
  typeof requestAnimationFrame === 'function'
    ? (fn) => requestAnimationFrame(() => fn())
    : (fn) => setTimeout(fn, 16);

export function createFrameTask(task: () => void): () => void {
  let scheduled = false;
  return () => {
    if (scheduled) return;
    scheduled = true;
    raf(() => {
      scheduled = false;
      task();
    });
  };
}
