/**
 * LabApi over the browser-mode WebSocket bridge. Every frame, both ways, is binary
 * (protocol/codec.ts); the client sends ClientCommands or {type: 'hello'} and receives
 * LabEvents. The per-launch token comes from the page URL once (then leaves the address
 * bar); the socket reconnects with backoff and reports its state.
 */
import { decodeMessage, encodeMessage } from '../../protocol/codec.js';
import { labChannels, toCommand, type LabApi, type LabCommandName } from '../../protocol/lab-api.js';
import type { HostEvent, LabEvent } from '../../protocol/messages.js';
import { backoffDelay, defaultBackoff, type Backoff } from './backoff.js';

export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface ConnectionInfo {
  readonly state: ConnectionState;
  /** Failed attempts since the last successful connection. */
  readonly attempt: number;
  /** Delay before the next attempt, while reconnecting. */
  readonly retryInMs: number;
}

/** A LabApi plus the state of the link under it. */
export interface LabConnection extends LabApi {
  readonly connection: ConnectionInfo;
  onConnection(listener: (info: ConnectionInfo) => void): () => void;
  close(): void;
}

type Hello = Extract<HostEvent, { type: 'hello' }>;

/** The part of the browser's WebSocket this client uses (so tests can pass a fake). */
export interface SocketLike {
  binaryType: string;
  readonly readyState: number;
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  send(data: Uint8Array): void;
  close(): void;
}

export interface WsLabApiOptions {
  readonly url: string;
  readonly createSocket?: (url: string) => SocketLike;
  readonly backoff?: Backoff;
  readonly random?: () => number;
  readonly setTimer?: (fn: () => void, ms: number) => unknown;
  readonly clearTimer?: (handle: unknown) => void;
  /** Commands kept while disconnected (oldest dropped first). */
  readonly maxQueued?: number;
}

const OPEN = 1;

/** Reads `?token=` from the page URL, removes it from the address bar, and returns it. */
export function takeTokenFromUrl(
  location: { readonly href: string },
  history: { replaceState(data: unknown, unused: string, url?: string): void } | null,
): string | null {
  const url = new URL(location.href);
  const token = url.searchParams.get('token');
  if (token === null) return null;
  url.searchParams.delete('token');
  history?.replaceState(null, '', url.pathname + url.search + url.hash);
  return token;
}

export function socketUrl(
  location: { readonly protocol: string; readonly host: string },
  token: string | null,
): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const query = token === null ? '' : `?token=${encodeURIComponent(token)}`;
  return `${scheme}://${location.host}/ws${query}`;
}

function isEvent(value: unknown): value is LabEvent {
  return (
    typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string'
  );
}

export function createWsLabApi(options: WsLabApiOptions): LabConnection {
  const createSocket = options.createSocket ?? ((url: string) => new WebSocket(url) as unknown as SocketLike);
  const setTimer = options.setTimer ?? ((fn: () => void, ms: number) => setTimeout(fn, ms));
  const clearTimer = options.clearTimer ?? ((h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>));
  const backoff = options.backoff ?? defaultBackoff;
  const maxQueued = options.maxQueued ?? 200;
  const listeners = new Set<(event: LabEvent) => void>();
  const connectionListeners = new Set<(info: ConnectionInfo) => void>();
  const queue: Uint8Array[] = [];
  let helloEvent: Hello | null = null;
  let helloWaiters: ((hello: Hello) => void)[] = [];
  let socket: SocketLike | null = null;
  let timer: unknown = null;
  let closed = false;
  let info: ConnectionInfo = { state: 'connecting', attempt: 0, retryInMs: 0 };

  const setInfo = (next: ConnectionInfo): void => {
    info = next;
    for (const l of connectionListeners) l(info);
  };

  const transmit = (bytes: Uint8Array): void => {
    if (socket && socket.readyState === OPEN) {
      socket.send(bytes);
      return;
    }
    queue.push(bytes);
    if (queue.length > maxQueued) queue.shift();
  };

  const receive = (data: unknown): void => {
    let bytes: Uint8Array;
    if (data instanceof ArrayBuffer) bytes = new Uint8Array(data);
    else if (data instanceof Uint8Array) bytes = data;
    else return; // text frames are not part of the protocol
    let event: unknown;
    try {
      event = decodeMessage(bytes);
    } catch (error) {
      console.warn('ebm-lab: dropped a malformed frame:', error);
      return;
    }
    if (!isEvent(event)) return;
    if (event.type === 'hello') {
      helloEvent = event;
      const waiters = helloWaiters;
      helloWaiters = [];
      for (const w of waiters) w(event);
    }
    for (const l of listeners) l(event);
  };

  const connect = (): void => {
    timer = null;
    if (closed) return;
    const ws = createSocket(options.url);
    socket = ws;
    ws.binaryType = 'arraybuffer';
    ws.onopen = () => {
      if (socket !== ws) return;
      setInfo({ state: 'open', attempt: 0, retryInMs: 0 });
      ws.send(encodeMessage({ type: 'hello' }));
      const pending = queue.splice(0);
      for (const bytes of pending) ws.send(bytes);
    };
    ws.onmessage = (ev) => {
      if (socket === ws) receive(ev.data);
    };
    ws.onerror = () => undefined; // a close follows; handled there
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      if (closed) return;
      const attempt = info.state === 'open' ? 0 : info.attempt + 1;
      const retryInMs = backoffDelay(attempt, backoff, options.random);
      setInfo({ state: 'reconnecting', attempt, retryInMs });
      timer = setTimer(connect, retryInMs);
    };
  };

  const command =
    (name: LabCommandName) =>
    (args: object): void => {
      transmit(encodeMessage(toCommand(name, args)));
    };

  const api: LabConnection = {
    start: command('start'),
    pause: command('pause'),
    resume: command('resume'),
    stop: command('stop'),
    setParam: command('setParam'),
    requestDecoder: command('requestDecoder'),
    listRuns: command('listRuns'),
    openRun: command('openRun'),
    deleteRun: command('deleteRun'),
    renameRun: command('renameRun'),
    saveExport: command('saveExport'),
    get connection() {
      return info;
    },
    onConnection(listener: (info: ConnectionInfo) => void) {
      connectionListeners.add(listener);
      listener(info);
      return () => {
        connectionListeners.delete(listener);
      };
    },
    onEvent(listener: (event: LabEvent) => void) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    hello() {
      if (helloEvent) return Promise.resolve(helloEvent);
      return new Promise<Hello>((resolve) => helloWaiters.push(resolve));
    },
    close() {
      closed = true;
      if (timer !== null) clearTimer(timer);
      socket?.close();
      socket = null;
      setInfo({ state: 'closed', attempt: info.attempt, retryInMs: 0 });
    },
  };
  connect();
  return api;
}

/** Electron's `window.lab` is already a LabApi over IPC: its link is always open. */
export function ipcConnection(lab: LabApi): LabConnection {
  const info: ConnectionInfo = { state: 'open', attempt: 0, retryInMs: 0 };
  return {
    ...bindAll(lab),
    connection: info,
    onConnection(listener) {
      listener(info);
      return () => undefined;
    },
    close() {},
  };
}

function bindAll(lab: LabApi): LabApi {
  const out = {} as Record<string, unknown>;
  const names = [...(Object.keys(labChannels) as LabCommandName[]), 'onEvent', 'hello', 'saveFile'] as const;
  for (const name of names) {
    const fn = (lab as unknown as Record<string, (...args: unknown[]) => unknown>)[name];
    if (typeof fn === 'function') out[name] = (...args: unknown[]) => fn.apply(lab, args);
  }
  return out as unknown as LabApi;
}
