/**
 * Large frames are held one at a time per client and within a budget across clients (issue 13,
 * item 6): a second large request while the first is being saved is refused at once ("busy"),
 * and accepted again once the first is answered; a client that leaves gives its bytes back.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createLabServer, type LabServer } from '../../host/http-server.js';
import type { LabHost } from '../../host/types.js';
import type { ClientCommand, LabEvent } from '../../protocol/messages.js';
import { connect } from './server-helpers.js';

/** A host whose save-export answers wait until the test says so. */
function slowSaver() {
  const pending: (() => void)[] = [];
  const lab: LabHost = {
    hello: () => ({
      type: 'hello',
      version: 'test',
      backend: { name: 'cpu', reason: 'test' },
      runsDir: '/tmp',
    }),
    dispatch(command: ClientCommand, reply: (e: LabEvent) => void) {
      if (command.type !== 'save-export') return;
      pending.push(() =>
        reply({
          type: 'export-saved',
          requestId: command.requestId,
          runId: command.runId,
          file: `exports/${command.name}`,
        }),
      );
    },
    subscribe: () => () => {},
    close: async () => {},
  };
  return { lab, waiting: () => pending.length, answerAll: () => pending.splice(0).forEach((f) => f()) };
}

const exportFrame = (requestId: string, mib: number) => ({
  type: 'save-export',
  requestId,
  runId: 'run-1',
  name: `${requestId}.png`,
  bytes: new Uint8Array(mib * 1024 * 1024),
});

let server: LabServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

describe('large frames', () => {
  it('are held one at a time per client: a second is refused as busy until the first is answered', async () => {
    const saver = slowSaver();
    server = await createLabServer({ lab: saver.lab, port: 0, staticDir: '/nonexistent', log: () => {} });
    const client = await connect(`ws://127.0.0.1:${server.port}/ws?token=${server.token}`);
    client.send(exportFrame('a', 2));
    client.send(exportFrame('b', 2));
    const busy = await client.next((e) => e.type === 'error' && e.requestId === 'b');
    expect(busy).toMatchObject({
      message: expect.stringContaining('busy: your previous large request (an export) is still being saved'),
    });
    saver.answerAll();
    await client.next((e) => e.type === 'export-saved' && e.requestId === 'a');
    client.send(exportFrame('c', 2));
    await expect.poll(() => saver.waiting()).toBe(1); // accepted: it reached the host
    expect(client.events.some((e) => e.type === 'error' && e.requestId === 'c')).toBe(false);
    saver.answerAll();
    await client.next((e) => e.type === 'export-saved' && e.requestId === 'c');
    await client.close();
  });

  it('share a budget across clients, and a client that leaves gives its bytes back', async () => {
    const saver = slowSaver();
    server = await createLabServer({ lab: saver.lab, port: 0, staticDir: '/nonexistent', log: () => {} });
    const url = `ws://127.0.0.1:${server.port}/ws?token=${server.token}`;
    // The default budget holds two of the largest frames; fill it with two clients' 60 MiB exports (64 MiB is the most an export may be).
    const [one, two, three] = [await connect(url), await connect(url), await connect(url)];
    one.send(exportFrame('one', 60));
    two.send(exportFrame('two', 60));
    await expect.poll(() => saver.waiting(), { timeout: 10_000 }).toBe(2);
    three.send(exportFrame('three', 60));
    const refused = await three.next((e) => e.type === 'error' && e.requestId === 'three');
    expect(refused, JSON.stringify(refused)).toMatchObject({
      message: expect.stringContaining('busy: the lab is saving large requests from other windows'),
    });
    await one.close(); // its 60 MiB go back
    await new Promise((r) => setTimeout(r, 200));
    three.send(exportFrame('three-again', 60));
    await expect.poll(() => saver.waiting(), { timeout: 10_000 }).toBe(3);
    saver.answerAll();
    await three.next((e) => e.type === 'export-saved' && e.requestId === 'three-again');
    await Promise.all([two.close(), three.close()]);
  });
});
