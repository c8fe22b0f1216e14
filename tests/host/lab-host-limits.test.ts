/**
 * The host's limits and its reading of run folders (issue 13): at most maxRuns runs train at
 * once (a start beyond is refused with the limit named, and makes no run folder), and a run
 * that no live host records is shown as failed — by the host and by `ebm-lab runs` alike —
 * while one another live host records keeps its state.
 */
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLabHost, defaultMaxRuns } from '../../host/lab-host.js';
import { STATUS_FILE } from '../../host/run-layout.js';
import { createRunStore } from '../../host/run-store.js';
import type { TrainerEndpoint, TrainerLauncher } from '../../host/types.js';
import type { LabEvent } from '../../protocol/messages.js';
import { vaePresets } from '../../protocol/vae/config.js';

/** Trainers that start and then train for ever (until killed). */
const foreverLauncher: TrainerLauncher = (): TrainerEndpoint => {
  const exits: ((e: { code: number | null; signal: string | null }) => void)[] = [];
  return {
    pid: 1,
    send: () => {},
    onMessage: () => {},
    onExit: (l) => void exits.push(l),
    kill: () => exits.splice(0).forEach((l) => l({ code: null, signal: 'SIGKILL' })),
  };
};

function startRun(host: ReturnType<typeof createLabHost>, requestId: string): Promise<LabEvent> {
  return new Promise((resolve) =>
    host.dispatch({ type: 'start', requestId, lab: 'vae', config: vaePresets.tiny }, resolve),
  );
}

describe('the concurrent-run limit', () => {
  it('defaults to one run per core, at least four (a comparison of three, and one more)', () => {
    expect(defaultMaxRuns(1)).toBe(4);
    expect(defaultMaxRuns(2)).toBe(4);
    expect(defaultMaxRuns(8)).toBe(8);
  });

  it('refuses a start beyond it, naming the limit, and makes no folder for it', async () => {
    const runsDir = await mkdtemp(join(tmpdir(), 'ebm-limit-'));
    const host = createLabHost({ runsDir, launcher: foreverLauncher, version: 'test', maxRuns: 2 });
    try {
      expect((await startRun(host, 'a')).type).toBe('run-created');
      expect((await startRun(host, 'b')).type).toBe('run-created');
      const third = await startRun(host, 'c');
      expect(third).toMatchObject({
        type: 'error',
        requestId: 'c',
        message:
          '2 runs train already, the most at once here (2); stop one or let it finish, then start again (serve --max-runs N sets the limit).',
      });
      expect(await readdir(runsDir)).toHaveLength(2);
    } finally {
      await host.close();
    }
  });
});

describe('the state of a run folder', () => {
  it('is failed when the host that recorded it is gone, kept when it still runs elsewhere', async () => {
    const runsDir = await mkdtemp(join(tmpdir(), 'ebm-settle-'));
    const store = createRunStore(runsDir);
    const spec = { lab: 'vae', config: vaePresets.tiny } as const;
    const setStatus = async (runId: string, patch: Record<string, unknown>) => {
      const file = join(runsDir, runId, STATUS_FILE);
      const status = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
      await writeFile(file, JSON.stringify({ ...status, ...patch }));
    };
    const gone = (await store.create(spec, null)).runId;
    await setStatus(gone, { state: 'running', hostPid: 2 ** 22 + 12345 }); // no such process
    const elsewhere = (await store.create(spec, null)).runId;
    await setStatus(elsewhere, { state: 'running', hostPid: process.ppid }); // a live process
    const old = (await store.create(spec, null)).runId;
    await setStatus(old, { state: 'paused', hostPid: undefined }); // written before hostPid was kept
    const finished = (await store.create(spec, null)).runId;
    await setStatus(finished, { state: 'done', hostPid: 2 ** 22 + 12345 });
    const states = Object.fromEntries((await store.list()).map((r) => [r.runId, r.state]));
    expect(states).toEqual({ [gone]: 'failed', [elsewhere]: 'running', [old]: 'failed', [finished]: 'done' });
    // The host reads the folders the same way.
    const host = createLabHost({ runsDir, launcher: foreverLauncher, version: 'test' });
    const listed = await new Promise<LabEvent>((resolve) =>
      host.dispatch({ type: 'list-runs', requestId: 'l' }, resolve),
    );
    expect(listed.type === 'runs' && Object.fromEntries(listed.runs.map((r) => [r.runId, r.state]))).toEqual(
      states,
    );
    await host.close();
  });
});
