/**
 * The one policy for sending a live value while a run trains (every slider and field of every
 * lab goes through LabClient.setLive): the first change goes at once, then at most one per
 * `intervalMs` per key, and the last value always goes (a trailing send), so the run ends on
 * what the control shows.
 */
export type Throttle = (key: string, send: () => void) => void;

export function createThrottle(intervalMs: number, now: () => number = () => performance.now()): Throttle {
  const last = new Map<string, number>();
  const pending = new Map<string, ReturnType<typeof setTimeout>>();
  return (key, send) => {
    const waiting = pending.get(key);
    if (waiting !== undefined) clearTimeout(waiting);
    pending.delete(key);
    const wait = intervalMs - (now() - (last.get(key) ?? -Infinity));
    if (wait <= 0) {
      last.set(key, now());
      send();
      return;
    }
    const timer = setTimeout(() => {
      pending.delete(key);
      last.set(key, now());
      send();
    }, wait);
    pending.set(key, timer);
  };
}

/** Live values are sent at most this often per parameter. */
export const LIVE_SEND_INTERVAL_MS = 80;
