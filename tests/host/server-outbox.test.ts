/**
 * The per-client streaming budget (host/ws-outbox.ts) as a pure module: a sink whose
 * buffered byte count the test sets plays a slow or paused WebSocket client.
 */
import { describe, expect, it } from 'vitest';
import { createOutbox, heavyKey } from '../../host/ws-outbox.js';
import type { LabEvent } from '../../protocol/messages.js';
import { saidAsIs } from '../../protocol/texts.js';

function slowSink() {
  const sent: string[] = [];
  const sink = {
    buffered: 0,
    send: (bytes: Uint8Array) => {
      sent.push(new TextDecoder().decode(bytes));
      sink.buffered += bytes.byteLength;
    },
    bufferedAmount: () => sink.buffered,
  };
  return { sink, sent };
}
const bytes = (label: string): Uint8Array => new TextEncoder().encode(label);

describe('heavyKey', () => {
  const base = { runId: 'r1', step: 1 };
  const cases: [string, LabEvent, string | null][] = [
    [
      'images, per view',
      {
        ...base,
        type: 'images',
        view: 'samples',
        width: 1,
        height: 1,
        count: 1,
        columns: 1,
        pixels: new Uint8Array(1),
      },
      'r1\u0000images\u0000samples',
    ],
    [
      'decoder',
      {
        type: 'decoder',
        runId: 'r1',
        step: 1,
        latentDim: 1,
        hiddenDim: 1,
        outputDim: 1,
        imageWidth: 1,
        imageHeight: 1,
        w1: new Float32Array(1),
        b1: new Float32Array(1),
        w2: new Float32Array(1),
        b2: new Float32Array(1),
      },
      'r1\u0000decoder',
    ],
    [
      'dataset',
      {
        type: 'dataset',
        runId: 'r2',
        width: 1,
        height: 1,
        labels: new Uint8Array(1),
        pixels: new Uint8Array(1),
      },
      'r2\u0000dataset',
    ],
    [
      'status is light',
      {
        type: 'status',
        runId: 'r1',
        state: 'running',
        backend: null,
        epoch: 0,
        step: 0,
        stepsPerEpoch: 1,
        totalSteps: 1,
        samplesPerSecond: 0,
      },
      null,
    ],
    [
      'metrics is light',
      {
        type: 'metrics',
        runId: 'r1',
        split: 'train',
        steps: new Float64Array(1),
        epochs: new Float64Array(1),
        columns: {},
      },
      null,
    ],
    ['error is light', { type: 'error', runId: null, ...saidAsIs('x') }, null],
    ['done is light', { type: 'done', runId: 'r1', reason: 'completed', ...saidAsIs('ok') }, null],
    [
      'hello is light',
      { type: 'hello', version: '1', backend: { name: 'cpu', reason: '' }, runsDir: '/' },
      null,
    ],
  ];
  it.each(cases)('%s', (_name, event, key) => expect(heavyKey(event)).toBe(key));

  it('keys scatter per run', () => {
    const scatter = (runId: string): LabEvent => ({
      type: 'scatter',
      runId,
      step: 0,
      epoch: 0,
      latentDim: 2,
      labels: new Uint8Array(0),
      means: new Float32Array(0),
      sigmas: null,
      points: new Float32Array(0),
      spreads: null,
      projection: null,
    });
    expect(heavyKey(scatter('a'))).not.toBe(heavyKey(scatter('b')));
  });
});

describe('createOutbox', () => {
  it('sends everything at once while the client keeps up', () => {
    const { sink, sent } = slowSink();
    const outbox = createOutbox(sink, 100);
    outbox.offer(bytes('img-1'), 'r\u0000images');
    outbox.offer(bytes('status'), null);
    outbox.offer(bytes('img-2'), 'r\u0000images');
    expect(sent).toEqual(['img-1', 'status', 'img-2']);
    expect([outbox.waiting, outbox.dropped]).toEqual([0, 0]);
  });

  it('keeps only the latest heavy event of each kind while the client is behind, and never holds light ones', () => {
    const { sink, sent } = slowSink();
    const outbox = createOutbox(sink, 100);
    sink.buffered = 1000; // a paused client
    outbox.offer(bytes('scatter-1'), 'r1\u0000scatter');
    outbox.offer(bytes('decoder-1'), 'r1\u0000decoder');
    outbox.offer(bytes('metrics'), null);
    outbox.offer(bytes('scatter-2'), 'r1\u0000scatter');
    outbox.offer(bytes('scatter-other-run'), 'r2\u0000scatter');
    outbox.offer(bytes('done'), null);
    outbox.offer(bytes('scatter-3'), 'r1\u0000scatter');
    expect(sent).toEqual(['metrics', 'done']);
    expect([outbox.waiting, outbox.dropped]).toEqual([3, 2]);

    sink.buffered = 0; // it drains
    expect(outbox.flush()).toBe(0);
    expect(sent).toEqual(['metrics', 'done', 'scatter-3', 'decoder-1', 'scatter-other-run']);
  });

  it('stops flushing as soon as the budget is used up again', () => {
    const { sink, sent } = slowSink();
    const outbox = createOutbox(sink, 10);
    sink.buffered = 11;
    outbox.offer(bytes('big-image-a'), 'a');
    outbox.offer(bytes('big-image-b'), 'b');
    sink.buffered = 0;
    expect(outbox.flush()).toBe(1); // 'big-image-a' (11 bytes) fills the budget
    expect(sent).toEqual(['big-image-a']);
    sink.buffered = 0;
    expect(outbox.flush()).toBe(0);
    expect(sent).toEqual(['big-image-a', 'big-image-b']);
  });
});
