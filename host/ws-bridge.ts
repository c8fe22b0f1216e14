/**
 * The WebSocket bridge between browser-mode clients and the LabHost. Every frame is binary
 * (protocol/codec.ts). A client sends {type: 'hello'} (answered with host.hello()) or a
 * ClientCommand, which is validated here (checkClientCommand) before the host sees it; a
 * frame that is not binary, does not decode or fails validation gets an error event back,
 * to that client only, and the connection stays open. Run events go to every client through
 * its outbox (ws-outbox.ts); answers to a request go to the requester only.
 *
 * Large frames (a saved export carries up to 64 MiB) are held until the host has answered
 * them: one at a time per client and at most `largeBudgetBytes` across all clients; a large
 * frame beyond that is refused ("busy") at once instead of piling up in memory.
 */
import { WebSocket, type RawData } from 'ws';
import { decodeMessage, encodeMessage } from '../protocol/codec.js';
import { isRecord } from '../protocol/fields.js';
import type { LabEvent } from '../protocol/messages.js';
import { checkClientCommand } from '../protocol/validate.js';
import { rejectionOf } from './command-rejection.js';
import type { LabHost } from './types.js';
import { createOutbox, defaultBudgetBytes, heavyKey, type Outbox } from './ws-outbox.js';

export interface WsBridgeOptions {
  readonly lab: LabHost;
  /** Send-buffer budget per client before heavy events are coalesced (bytes). */
  readonly budgetBytes?: number;
  /** How often a congested client's waiting events are retried (ms). */
  readonly drainPollMs?: number;
  /** Bytes of large frames (≥ LARGE_FRAME_BYTES) held at once across all clients. */
  readonly largeBudgetBytes?: number;
}

/** A frame this big is held until answered, and counted against the large-frame budget. */
export const LARGE_FRAME_BYTES = 1024 * 1024;
/** Default budget for large frames in flight: two of the largest a client may send. */
export const defaultLargeBudgetBytes = 2 * 80 * 1024 * 1024;

export interface WsBridge {
  /** Takes over an accepted socket. */
  connect(ws: WebSocket): void;
  readonly clients: number;
  /** Closes every client socket (going away, then cut after `graceMs`) and stops listening to the host. */
  close(graceMs?: number): Promise<void>;
}

interface Client {
  readonly ws: WebSocket;
  readonly outbox: Outbox;
  timer: NodeJS.Timeout | null;
  /** Bytes of this client's large frame waiting for the host's answer (0: none). */
  holding: number;
  /** Gives those bytes back (on the answer, or when the client goes). */
  release: () => void;
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  return data instanceof ArrayBuffer ? new Uint8Array(data) : data;
}

export function createWsBridge(options: WsBridgeOptions): WsBridge {
  const { lab } = options;
  const budget = options.budgetBytes ?? defaultBudgetBytes;
  const pollMs = options.drainPollMs ?? 50;
  const largeBudget = options.largeBudgetBytes ?? defaultLargeBudgetBytes;
  const clients = new Set<Client>();
  let heldBytes = 0; // large frames of every client, waiting for their answers

  const sendNow = (ws: WebSocket, bytes: Uint8Array): void => {
    if (ws.readyState === WebSocket.OPEN) ws.send(bytes, { binary: true });
  };
  const reply = (ws: WebSocket) => (event: LabEvent) => sendNow(ws, encodeMessage(event));

  /** Keeps retrying a congested client's waiting events until none wait. */
  const scheduleDrain = (client: Client): void => {
    if (client.timer || client.outbox.waiting === 0) return;
    client.timer = setInterval(() => {
      if (client.outbox.flush() > 0) return;
      clearInterval(client.timer ?? undefined);
      client.timer = null;
    }, pollMs);
    client.timer.unref();
  };

  const unsubscribe = lab.subscribe((event) => {
    if (clients.size === 0) return;
    const bytes = encodeMessage(event); // once for every client
    const key = heavyKey(event);
    for (const client of clients) {
      if (client.ws.readyState !== WebSocket.OPEN) continue;
      client.outbox.offer(bytes, key);
      scheduleDrain(client);
    }
  });

  function onFrame(client: Client, data: RawData, isBinary: boolean): void {
    const { ws } = client;
    let answer = reply(ws);
    if (!isBinary) {
      return answer(rejectionOf(null, 'frames must be binary (the protocol codec), not text'));
    }
    const bytes = toBytes(data);
    let message: unknown;
    try {
      message = decodeMessage(bytes);
    } catch (e) {
      return answer(rejectionOf(null, `malformed frame: ${e instanceof Error ? e.message : String(e)}`));
    }
    if (isRecord(message) && message.type === 'hello') return answer(lab.hello());
    const checked = checkClientCommand(message);
    if (!checked.ok) return answer(rejectionOf(message, checked.error));
    const command = checked.value;
    if (bytes.byteLength >= LARGE_FRAME_BYTES) {
      const size = bytes.byteLength;
      if (client.holding > 0 || heldBytes + size > largeBudget) {
        const why =
          client.holding > 0
            ? 'busy: your previous large request (an export) is still being saved; send this one when it is done'
            : 'busy: the lab is saving large requests from other windows; try again in a moment';
        return answer(rejectionOf(message, why));
      }
      client.holding = size;
      heldBytes += size;
      const release = (): void => {
        heldBytes -= client.holding;
        client.holding = 0;
      };
      const requestId = 'requestId' in command ? command.requestId : null;
      const direct = answer;
      answer = (event) => {
        if (client.holding > 0 && 'requestId' in event && event.requestId === requestId) release();
        direct(event);
      };
      client.release = release;
    }
    lab.dispatch(command, answer);
  }

  return {
    connect(ws) {
      const client: Client = {
        ws,
        timer: null,
        holding: 0,
        release: () => {},
        outbox: createOutbox(
          { send: (bytes) => sendNow(ws, bytes), bufferedAmount: () => ws.bufferedAmount },
          budget,
        ),
      };
      clients.add(client);
      ws.on('message', (data, isBinary) => onFrame(client, data, isBinary));
      ws.on('error', () => ws.terminate());
      ws.on('close', () => {
        clients.delete(client);
        if (client.holding > 0) client.release();
        if (client.timer) clearInterval(client.timer);
      });
    },
    get clients() {
      return clients.size;
    },
    async close(graceMs = 1000) {
      unsubscribe();
      await Promise.all(
        [...clients].map(async ({ ws, timer }) => {
          if (timer) clearInterval(timer);
          if (ws.readyState === WebSocket.CLOSED) return;
          const closed = new Promise<void>((resolve) => ws.once('close', () => resolve()));
          const cut = setTimeout(() => ws.terminate(), graceMs);
          ws.close(1001, 'EBM Lab is shutting down');
          await closed;
          clearTimeout(cut);
        }),
      );
    },
  };
}
