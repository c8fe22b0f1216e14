/**
 * Browser mode end to end without TensorFlow: the real LabHost (run folders, event checks,
 * crash reports) behind the real server, with a stand-in trainer launcher that plays a short
 * run — or dies mid-run — over the TrainerEndpoint seam.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLabHost } from '../../host/lab-host.js';
import { createLabServer, type LabServer } from '../../host/server.js';
import type { LabHost, TrainerEndpoint, TrainerLauncher } from '../../host/types.js';
import type { DoneEvent, LabEvent, TrainerCommand } from '../../protocol/messages.js';
import { vaePresets } from '../../protocol/vae/config.js';
import { connect } from './server-helpers.js';

type Exit = { code: number | null; signal: string | null };

/** A trainer that, once started, runs one step, shows samples and finishes — or is killed. */
function scriptedLauncher(plan: { crash: boolean }): TrainerLauncher {
  return (): TrainerEndpoint => {
    const messageListeners: ((m: unknown) => void)[] = [];
    const exitListeners: ((e: Exit) => void)[] = [];
    const post = (m: unknown): void => messageListeners.forEach((l) => l(m));
    const exit = (e: Exit): void => exitListeners.splice(0).forEach((l) => l(e));
    return {
      pid: 4242,
      send(command: TrainerCommand) {
        if (command.type !== 'start') return;
        const runId = command.runId;
        setTimeout(() => {
          const backend = { name: 'cpu' as const, reason: 'scripted' };
          post({
            type: 'status',
            runId,
            state: 'running',
            backend,
            epoch: 0,
            step: 1,
            stepsPerEpoch: 1,
            totalSteps: 1,
            samplesPerSecond: 100,
          });
          post({
            type: 'metrics',
            runId,
            split: 'train',
            steps: Float64Array.of(1),
            epochs: Float64Array.of(1),
            columns: { recon: Float32Array.of(540), kl: Float32Array.of(3), total: Float32Array.of(543) },
          });
          post({
            type: 'images',
            runId,
            view: 'samples',
            step: 1,
            width: 28,
            height: 28,
            count: 1,
            columns: 1,
            pixels: new Uint8Array(784).fill(200),
          });
          if (plan.crash) return exit({ code: null, signal: 'SIGKILL' });
          post({
            type: 'status',
            runId,
            state: 'done',
            backend,
            epoch: 1,
            step: 1,
            stepsPerEpoch: 1,
            totalSteps: 1,
            samplesPerSecond: 100,
          });
          post({ type: 'done', runId, reason: 'completed', message: 'Finished 1 epoch.' });
          exit({ code: 0, signal: null });
        }, 5);
      },
      onMessage: (l) => void messageListeners.push(l),
      onExit: (l) => void exitListeners.push(l),
      kill: () => exit({ code: null, signal: 'SIGKILL' }),
    };
  };
}

const runsDir = mkdtempSync(join(tmpdir(), 'ebm-server-lab-'));
const plan = { crash: false };
let lab: LabHost;
let server: LabServer;

beforeAll(async () => {
  lab = createLabHost({ runsDir, launcher: scriptedLauncher(plan), version: 'test' });
  server = await createLabServer({ lab, port: 0, staticDir: join(runsDir, 'none'), log: () => {} });
});

/** Waits until every run folder records a final state (the run writer flushes asynchronously). */
async function settled(): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const runs = await new Promise<LabEvent>((resolve) =>
      lab.dispatch({ type: 'list-runs', requestId: 's' }, resolve),
    );
    if (runs.type === 'runs' && runs.runs.every((r) => ['done', 'failed', 'stopped'].includes(r.state)))
      return;
    await new Promise((r) => setTimeout(r, 20));
  }
}

afterAll(async () => {
  await server?.close();
  await lab?.close();
  await settled();
  rmSync(runsDir, { recursive: true, force: true });
});

const open = () => connect(`ws://127.0.0.1:${server.port}/ws?token=${server.token}`);
const isDone = (e: LabEvent): boolean => e.type === 'done';

describe('browser mode with the real LabHost', () => {
  it('greets with the runs folder', async () => {
    const client = await open();
    client.send({ type: 'hello' });
    expect(await client.next((e) => e.type === 'hello')).toMatchObject({ version: 'test', runsDir });
    await client.close();
  });

  it('starts a tiny run and relays its events, then lists it', async () => {
    plan.crash = false;
    const client = await open();
    client.send({ type: 'start', requestId: 'r1', lab: 'vae', config: vaePresets.tiny });
    const created = await client.next((e) => e.type === 'run-created');
    const runId = created.type === 'run-created' ? created.runId : '';
    await client.next((e) => e.type === 'metrics' && e.runId === runId);
    const samples = await client.next((e) => e.type === 'images' && e.runId === runId);
    expect(samples.type === 'images' && samples.pixels.length).toBe(784);
    expect(await client.next<DoneEvent>(isDone)).toMatchObject({ runId, reason: 'completed' });
    expect(existsSync(join(runsDir, runId))).toBe(true);
    client.send({ type: 'list-runs', requestId: 'l1' });
    const runs = await client.next((e) => e.type === 'runs');
    expect(runs.type === 'runs' && runs.runs.map((r) => r.runId)).toContain(runId);
    await client.close();
  });

  it('reports a trainer killed mid-run to every client', async () => {
    plan.crash = true;
    const client = await open();
    const watcher = await open();
    client.send({ type: 'start', requestId: 'r2', lab: 'vae', config: vaePresets.tiny });
    const created = await client.next((e) => e.type === 'run-created');
    const runId = created.type === 'run-created' ? created.runId : '';
    const done = await watcher.next<DoneEvent>((e) => e.type === 'done' && e.runId === runId);
    expect(done.reason).toBe('failed');
    expect(done.message).toMatch(/exited unexpectedly/);
    await client.close();
    await watcher.close();
  });
});
