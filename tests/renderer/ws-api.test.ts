import { describe, expect, it } from 'vitest';
import { decodeMessage, encodeMessage } from '../../protocol/codec.js';
import type { LabEvent } from '../../protocol/messages.js';
import {
  createWsLabApi,
  socketUrl,
  takeTokenFromUrl,
  type ConnectionInfo,
  type SocketLike,
} from '../../renderer/lib/ws-api.js';

class FakeSocket implements SocketLike {
  binaryType = 'blob';
  readyState = 0;
  sent: unknown[] = [];
  onopen: ((ev: unknown) => void) | null = null;
  onclose: ((ev: unknown) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  constructor(readonly url: string) {}
  send(data: Uint8Array): void {
    this.sent.push(decodeMessage(data));
  }
  close(): void {
    this.readyState = 3;
  }
  open(): void {
    this.readyState = 1;
    this.onopen?.({});
  }
  drop(): void {
    this.readyState = 3;
    this.onclose?.({});
  }
  receive(event: unknown): void {
    const bytes = encodeMessage(event);
    this.onmessage?.({ data: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) });
  }
}

function setup() {
  const sockets: FakeSocket[] = [];
  const timers: { fn: () => void; ms: number }[] = [];
  const api = createWsLabApi({
    url: 'ws://127.0.0.1:9/ws?token=abc',
    createSocket: (url) => {
      const s = new FakeSocket(url);
      sockets.push(s);
      return s;
    },
    setTimer: (fn, ms) => timers.push({ fn, ms }),
    clearTimer: () => undefined,
    random: () => 1,
    backoff: { baseMs: 100, maxMs: 1000 },
  });
  return { api, sockets, timers };
}

const hello = {
  type: 'hello',
  version: '0.1.0',
  backend: { name: 'wasm', reason: 'tfjs-node is not installed' },
  runsDir: '/tmp/runs',
};

describe('the WebSocket LabApi', () => {
  it('connects with the token, in binary, and greets the host', () => {
    const { sockets } = setup();
    expect(sockets[0]!.url).toBe('ws://127.0.0.1:9/ws?token=abc');
    expect(sockets[0]!.binaryType).toBe('arraybuffer');
    sockets[0]!.open();
    expect(sockets[0]!.sent).toEqual([{ type: 'hello' }]);
  });

  it('sends each named call as its protocol command', () => {
    const { api, sockets } = setup();
    sockets[0]!.open();
    api.setParam({ runId: 'run-1', name: 'beta', value: 2 });
    api.saveExport({ requestId: 'q1', runId: 'run-1', name: 'x.png', bytes: Uint8Array.of(1, 2, 3) });
    expect(sockets[0]!.sent[1]).toEqual({ type: 'set-param', runId: 'run-1', name: 'beta', value: 2 });
    const saved = sockets[0]!.sent[2] as { type: string; bytes: Uint8Array };
    expect(saved.type).toBe('save-export');
    expect([...saved.bytes]).toEqual([1, 2, 3]);
    api.deleteRun({ requestId: 'q2', runId: 'run-1' });
    api.renameRun({ requestId: 'q3', runId: 'run-1', name: 'mine' });
    expect(sockets[0]!.sent.slice(3)).toEqual([
      { type: 'delete-run', requestId: 'q2', runId: 'run-1' },
      { type: 'rename-run', requestId: 'q3', runId: 'run-1', name: 'mine' },
    ]);
  });

  it('keeps commands made while disconnected and sends them once open', () => {
    const { api, sockets } = setup();
    api.pause({ runId: 'run-1' });
    expect(sockets[0]!.sent).toEqual([]);
    sockets[0]!.open();
    expect(sockets[0]!.sent).toEqual([{ type: 'hello' }, { type: 'pause', runId: 'run-1' }]);
  });

  it('delivers decoded events with their typed arrays, and answers hello()', async () => {
    const { api, sockets } = setup();
    const got: LabEvent[] = [];
    api.onEvent((e) => got.push(e));
    sockets[0]!.open();
    sockets[0]!.receive(hello);
    sockets[0]!.receive({
      type: 'metrics',
      runId: 'r',
      split: 'train',
      steps: Float64Array.of(1),
      epochs: Float64Array.of(0.1),
      columns: { recon: Float32Array.of(543) },
    });
    await expect(api.hello()).resolves.toMatchObject({ backend: { name: 'wasm' } });
    const metrics = got[1] as Extract<LabEvent, { type: 'metrics' }>;
    expect(metrics.columns.recon).toBeInstanceOf(Float32Array);
    expect(metrics.columns.recon![0]).toBe(543);
  });

  it('drops frames that are not protocol messages without failing', () => {
    const { api, sockets } = setup();
    const got: LabEvent[] = [];
    api.onEvent((e) => got.push(e));
    sockets[0]!.open();
    sockets[0]!.onmessage?.({ data: new Uint8Array([1, 2]).buffer });
    sockets[0]!.onmessage?.({ data: 'text frame' });
    sockets[0]!.receive([1, 2, 3]);
    expect(got).toEqual([]);
  });

  it('reconnects with growing delays and reports its state', () => {
    const { api, sockets, timers } = setup();
    const states: ConnectionInfo[] = [];
    api.onConnection((info) => states.push(info));
    sockets[0]!.open();
    sockets[0]!.drop();
    expect(api.connection).toMatchObject({ state: 'reconnecting', attempt: 0, retryInMs: 100 });
    timers.shift()!.fn();
    sockets[1]!.drop(); // refused again
    expect(api.connection).toMatchObject({ state: 'reconnecting', attempt: 1, retryInMs: 200 });
    timers.shift()!.fn();
    sockets[2]!.open();
    expect(api.connection.state).toBe('open');
    expect(states.map((s) => s.state)).toEqual([
      'connecting',
      'open',
      'reconnecting',
      'reconnecting',
      'open',
    ]);
    api.close();
    expect(api.connection.state).toBe('closed');
    expect(timers).toEqual([]);
  });
});

describe('the page URL', () => {
  it('gives up its token once and loses it from the address bar', () => {
    const calls: (string | undefined)[] = [];
    const token = takeTokenFromUrl(
      { href: 'http://127.0.0.1:5/?token=s3cr%2Bt&x=1#v' },
      { replaceState: (_d, _u, url) => calls.push(url) },
    );
    expect(token).toBe('s3cr+t');
    expect(calls).toEqual(['/?x=1#v']);
    expect(takeTokenFromUrl({ href: 'http://127.0.0.1:5/' }, null)).toBeNull();
  });

  it('points the socket at /ws on the same host', () => {
    expect(socketUrl({ protocol: 'http:', host: '127.0.0.1:5' }, 'a b')).toBe(
      'ws://127.0.0.1:5/ws?token=a%20b',
    );
    expect(socketUrl({ protocol: 'https:', host: 'lab' }, null)).toBe('wss://lab/ws');
  });
});
