/**
 * Helpers for the browser-mode server tests: raw HTTP requests (paths sent exactly as
 * written, no URL normalisation) and a WebSocket client speaking the binary protocol.
 */
import { request } from 'node:http';
import WebSocket from 'ws';
import { decodeMessage, encodeMessage } from '../../protocol/codec.js';
import type { LabEvent } from '../../protocol/messages.js';

export interface RawResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}

export function rawGet(
  port: number,
  path: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

/** The name=value part of the first Set-Cookie header. */
export function cookieFrom(res: RawResponse): string {
  const setCookie = res.headers['set-cookie'];
  const first = Array.isArray(setCookie) ? setCookie[0] : setCookie;
  if (!first) throw new Error('no Set-Cookie header');
  return first.split(';')[0]!;
}

export interface TestClient {
  readonly ws: WebSocket;
  readonly events: LabEvent[];
  send(message: unknown): void;
  /** Resolves with the first event (already received or to come) matching `match`. */
  next<T extends LabEvent = LabEvent>(match: (e: LabEvent) => boolean, timeoutMs?: number): Promise<T>;
  close(): Promise<void>;
}

export function connect(url: string, options: WebSocket.ClientOptions = {}): Promise<TestClient> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, options);
    const events: LabEvent[] = [];
    const waiters = new Set<() => void>();
    ws.on('message', (data: Buffer) => {
      events.push(decodeMessage(new Uint8Array(data)) as LabEvent);
      for (const w of [...waiters]) w();
    });
    ws.once('unexpected-response', (_req, res) => reject(new Error(`refused with ${res.statusCode}`)));
    ws.once('error', reject);
    ws.once('open', () =>
      resolve({
        ws,
        events,
        send: (message) => ws.send(encodeMessage(message)),
        next<T extends LabEvent>(match: (e: LabEvent) => boolean, timeoutMs = 10_000): Promise<T> {
          return new Promise<T>((ok, fail) => {
            const check = (): boolean => {
              const found = events.find(match);
              if (!found) return false;
              waiters.delete(check);
              clearTimeout(timer);
              ok(found as T);
              return true;
            };
            const timer = setTimeout(() => {
              waiters.delete(check);
              fail(new Error(`no matching event; got ${events.map((e) => e.type).join(', ')}`));
            }, timeoutMs);
            if (!check()) waiters.add(check);
          });
        },
        close: () =>
          new Promise<void>((done) => {
            if (ws.readyState === WebSocket.CLOSED) return done();
            ws.once('close', () => done());
            ws.close();
          }),
      }),
    );
  });
}

/** How a refused upgrade ends: the HTTP status, or 'closed' when the socket was just cut. */
export function upgradeOutcome(
  url: string,
  options: WebSocket.ClientOptions = {},
): Promise<number | 'open' | 'closed'> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, options);
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.once('open', () => {
      resolve('open');
      ws.close();
    });
    ws.once('error', () => resolve('closed'));
  });
}
