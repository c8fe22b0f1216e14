/**
 * The streaming budget of one WebSocket client. Light events (status, metrics, errors, done,
 * host replies) always go out at once. Heavy ones (images, scatter, decoder snapshots, the
 * dataset) go out only while the socket's send buffer holds at most `budgetBytes`; above it
 * they wait, and a newer heavy event of the same kind for the same run replaces the waiting
 * one — a slow client gets the latest picture, never a backlog. `flush()` sends what waits
 * once the buffer drains; the transport calls it on a timer while anything waits.
 */
import type { LabEvent } from '../protocol/messages.js';

export interface OutboxSink {
  send(bytes: Uint8Array): void;
  /** Bytes queued in the socket and not yet written (WebSocket.bufferedAmount). */
  bufferedAmount(): number;
}

export interface Outbox {
  /** Sends or queues one encoded event; `key` is heavyKey(event) (null: light, never dropped). */
  offer(bytes: Uint8Array, key: string | null): void;
  /** Sends waiting heavy events while the budget allows; returns how many still wait. */
  flush(): number;
  /** Heavy events waiting. */
  readonly waiting: number;
  /** Heavy events replaced by newer ones of their kind, since the start. */
  readonly dropped: number;
}

/** 4 MiB: about five decoder snapshots of the course VAE, or a second of a slow link. */
export const defaultBudgetBytes = 4 * 1024 * 1024;

/** The coalescing key of a heavy event (one per kind and run), or null for a light one. */
export function heavyKey(event: LabEvent): string | null {
  switch (event.type) {
    case 'images':
      return `${event.runId}\u0000images\u0000${event.view}`;
    case 'scatter':
    case 'decoder':
    case 'dataset':
      return `${event.runId}\u0000${event.type}`;
    default:
      return null;
  }
}

export function createOutbox(sink: OutboxSink, budgetBytes: number = defaultBudgetBytes): Outbox {
  // Insertion order = age of the oldest waiting event of each kind.
  const waiting = new Map<string, Uint8Array>();
  let dropped = 0;
  const hasRoom = (): boolean => sink.bufferedAmount() <= budgetBytes;

  const flush = (): number => {
    for (const [key, bytes] of waiting) {
      if (!hasRoom()) break;
      waiting.delete(key);
      sink.send(bytes);
    }
    return waiting.size;
  };

  return {
    offer(bytes, key) {
      if (key === null) return sink.send(bytes);
      if (waiting.has(key)) dropped++;
      waiting.set(key, bytes);
      flush();
    },
    flush,
    get waiting() {
      return waiting.size;
    },
    get dropped() {
      return dropped;
    },
  };
}
