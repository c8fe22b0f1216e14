/**
 * The preload, run the way a sandboxed Electron renderer runs it: compiled to CommonJS and
 * called with a `require` that knows only 'electron' (here a stand-in that records calls).
 * It must expose exactly the named LabApi functions — no generic send, no IPC event objects.
 */
import { describe, expect, it } from 'vitest';
import {
  eventChannel,
  helloChannel,
  labChannels,
  saveFileChannel,
  type LabApi,
} from '../../protocol/lab-api.js';
import { runPreload } from './preload-harness.js';

describe('the preload', () => {
  it('needs nothing but electron (a sandboxed preload can require nothing else)', () => {
    expect(() => runPreload()).not.toThrow();
  });

  it('exposes window.lab with exactly the named functions of the LabApi', () => {
    const { exposed } = runPreload();
    expect(exposed.map(([key]) => key)).toEqual(['lab']);
    const api = exposed[0]![1] as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual(
      [...Object.keys(labChannels), 'hello', 'onEvent', 'saveFile'].sort(),
    );
    expect(Object.values(api).every((v) => typeof v === 'function')).toBe(true);
    expect(api).not.toHaveProperty('send');
  });

  it.each(Object.entries(labChannels))('%s sends on its own channel only', (name, { channel }) => {
    const { exposed, sent } = runPreload();
    const api = exposed[0]![1] as Record<string, (args: object) => void>;
    api[name]!({ runId: 'r1' });
    expect(sent).toEqual([[channel, { runId: 'r1' }]]);
  });

  it('hands event listeners the event alone, never the IPC event, and unsubscribes', () => {
    const { exposed, listeners } = runPreload();
    const api = exposed[0]![1] as LabApi;
    const got: unknown[][] = [];
    const off = api.onEvent((...args: unknown[]) => void got.push(args));
    const ipcEvent = { sender: 'ipcRenderer', senderFrame: {} };
    listeners.get(eventChannel)!.forEach((fn) => fn(ipcEvent, { type: 'done', runId: 'r1' }));
    expect(got).toEqual([[{ type: 'done', runId: 'r1' }]]);
    off();
    expect(listeners.get(eventChannel)).toEqual([]);
  });

  it('asks for the save dialog with invoke on its channel, passing name and bytes', async () => {
    const { exposed, invoked } = runPreload();
    const bytes = Uint8Array.from([137, 80]);
    await (exposed[0]![1] as Required<LabApi>).saveFile({ name: 'atoms.png', bytes });
    expect(invoked).toEqual([saveFileChannel]);
  });

  it('asks for hello with invoke on its channel', async () => {
    const { exposed, invoked } = runPreload();
    await (exposed[0]![1] as LabApi).hello();
    expect(invoked).toEqual([helloChannel]);
  });
});
