import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createForkLauncher } from '../../host/fork-launcher.js';
import { createLabHost } from '../../host/lab-host.js';
import { readMetricsLog } from '../../host/run-files.js';
import type { TrainerEndpoint } from '../../host/types.js';
import type { LabEvent } from '../../protocol/messages.js';
import { vaePresets } from '../../protocol/vae/config.js';

const endpoints: TrainerEndpoint[] = [];
const launch = createForkLauncher();
let host: ReturnType<typeof createLabHost> | null = null;

afterAll(async () => {
  await host?.close();
});

/** Resolves with the first event that satisfies `match`. */
function next(events: LabEvent[], match: (e: LabEvent) => boolean, timeoutMs = 60_000): Promise<LabEvent> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = (): void => {
      const found = events.find(match);
      if (found) return resolve(found);
      if (Date.now() - started > timeoutMs) return reject(new Error('timed out waiting for an event'));
      setTimeout(poll, 20);
    };
    poll();
  });
}

function start(h: ReturnType<typeof createLabHost>, requestId: string, epochs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    h.dispatch({ type: 'start', requestId, lab: 'vae', config: { ...vaePresets.tiny, epochs } }, (e) => {
      if (e.type === 'run-created') resolve(e.runId);
      else if (e.type === 'error') reject(new Error(e.message));
    });
  });
}

describe('a trainer killed mid-run', () => {
  it('is reported, its metrics stay on disk, and a new run can start', async () => {
    const runsDir = await mkdtemp(join(tmpdir(), 'ebm-kill-'));
    host = createLabHost({
      runsDir,
      version: 'test',
      launcher: () => {
        const endpoint = launch();
        endpoints.push(endpoint);
        return endpoint;
      },
    });
    const events: LabEvent[] = [];
    host.subscribe((e) => events.push(e));
    const first = await start(host, 'one', 50);
    const isTrain = (id: string) => (e: LabEvent) =>
      e.type === 'metrics' && e.runId === id && e.split === 'train' && e.steps.length > 0;
    await next(events, (e) => isTrain(first)(e) && e.type === 'metrics' && (e.steps.at(-1) ?? 0) >= 20);
    endpoints[0]?.kill();

    const done = await next(events, (e) => e.type === 'done' && e.runId === first);
    const error = events.find((e) => e.type === 'error' && e.runId === first);
    const status = events.filter((e) => e.type === 'status' && e.runId === first).at(-1);
    const sent = events.flatMap((e) => (isTrain(first)(e) && e.type === 'metrics' ? [...e.steps] : []));
    const lastSent = sent.at(-1) ?? 0;
    const sentence = `The trainer process of run ${first} exited unexpectedly (signal SIGKILL); metrics up to step ${lastSent} are saved.`;
    expect(error).toMatchObject({ message: sentence });
    expect(status).toMatchObject({ state: 'failed' });
    expect(done).toMatchObject({ reason: 'failed', message: sentence });

    // The log holds every point the trainer sent before it died.
    const logged = async (): Promise<number[]> =>
      (await readMetricsLog(join(runsDir, first, 'metrics.jsonl'))).map((p) => p.step);
    await expect.poll(logged, { timeout: 5000 }).toEqual(sent);

    // Commands to the dead run are answered with an error, not sent into the void.
    const replies: LabEvent[] = [];
    host.dispatch({ type: 'pause', runId: first }, (e) => replies.push(e));
    expect(replies[0]).toMatchObject({
      type: 'error',
      runId: first,
      message: expect.stringContaining('is not running'),
    });

    const second = await start(host, 'two', 1);
    await next(events, isTrain(second));
    host.dispatch({ type: 'stop', runId: second }, () => {});
    expect(await next(events, (e) => e.type === 'done' && e.runId === second)).toMatchObject({
      reason: 'stopped',
    });

    // The stopped run's status.json is written just after its done event: ask until it is there.
    const listRuns = async (): Promise<[string, string][]> => {
      const listed: LabEvent[] = [];
      host?.dispatch({ type: 'list-runs', requestId: 'list' }, (e) => listed.push(e));
      const runs = await next(listed, (e) => e.type === 'runs');
      return runs.type === 'runs' ? runs.runs.map((r) => [r.runId, r.state]) : [];
    };
    await expect.poll(listRuns, { timeout: 5000 }).toEqual(
      expect.arrayContaining([
        [first, 'failed'],
        [second, 'stopped'],
      ]),
    );
  });
});
