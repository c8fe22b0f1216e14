/**
 * Matching answers to requests: start, list-runs, open-run, delete-run, rename-run and
 * save-export carry a requestId; the host answers with run-created / runs (the last three:
 * runs) / run-opened / export-saved, or an error echoing the id. Plain TypeScript so the matching is unit-tested without a DOM.
 */
import type { ErrorEvent, HostEvent, LabEvent } from '../../protocol/messages.js';
import { word } from './i18n/said.js';

type Answer = Exclude<HostEvent, { type: 'hello' }>;

/** An error answer from the host, with the config field at fault when there is one. */
export class HostError extends Error {
  readonly field: string | undefined;
  constructor(event: ErrorEvent) {
    super(word(event)); // worded in the window's language when it arrives
    this.name = 'HostError';
    this.field = event.field;
  }
}

interface Pending {
  readonly expect: Answer['type'];
  readonly resolve: (event: Answer) => void;
  readonly reject: (error: Error) => void;
}

export class RequestTracker {
  private readonly pending = new Map<string, Pending>();
  private counter = 0;

  constructor(private readonly prefix = `r${Math.floor(Math.random() * 1e6).toString(36)}`) {}

  /** A fresh request id, and a promise of the answer of type `expect`. */
  open<T extends Answer['type']>(
    expect: T,
  ): { requestId: string; answer: Promise<Extract<Answer, { type: T }>> } {
    const requestId = `${this.prefix}-${++this.counter}`;
    const answer = new Promise<Extract<Answer, { type: T }>>((resolve, reject) => {
      this.pending.set(requestId, { expect, resolve: resolve as (event: Answer) => void, reject });
    });
    return { requestId, answer };
  }

  /** Settles the matching request; returns true when the event was an answer. */
  settle(event: LabEvent): boolean {
    const requestId = 'requestId' in event ? event.requestId : undefined;
    if (typeof requestId !== 'string') return false;
    const pending = this.pending.get(requestId);
    if (!pending) return false;
    if (event.type === 'error') {
      this.pending.delete(requestId);
      pending.reject(new HostError(event));
      return true;
    }
    if (event.type !== pending.expect) return false;
    this.pending.delete(requestId);
    pending.resolve(event as Answer);
    return true;
  }

  /** Rejects every open request (e.g. when the link is lost for good). */
  failAll(message: string): void {
    for (const p of this.pending.values()) p.reject(new Error(message));
    this.pending.clear();
  }

  get size(): number {
    return this.pending.size;
  }
}
