/**
 * The runs list's commands at the host (issue 17): delete-run removes exactly the run's folder
 * (never while it trains, never anything that is not a run's folder inside the runs folder),
 * rename-run keeps a name across a restart, both answered with a fresh list; and a start the
 * trainer refuses (bad input) leaves no run folder.
 */
import { mkdir, mkdtemp, readdir, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createForkLauncher } from '../../host/fork-launcher.js';
import { createLabHost } from '../../host/lab-host.js';
import { createRunStore } from '../../host/run-store.js';
import type { LabHost, TrainerEndpoint, TrainerLauncher } from '../../host/types.js';
import type { StartSpec } from '../../protocol/labs.js';
import type { ClientCommand, LabEvent, RunSummary, TrainerCommand } from '../../protocol/messages.js';
import { sparsePresets } from '../../protocol/sparse/config.js';
import { vaePresets } from '../../protocol/vae/config.js';

type Exit = (e: { code: number | null; signal: string | null }) => void;

/**
 * Trainers that start and train until killed, or (`finish`) that finish at once: status
 * running, then done, the done event, and exit.
 */
function scriptedLauncher(finish: boolean): TrainerLauncher {
  return (): TrainerEndpoint => {
    const exits: Exit[] = [];
    const listeners: ((message: unknown) => void)[] = [];
    const post = (message: unknown) => listeners.forEach((l) => l(message));
    return {
      pid: 1,
      send(command: TrainerCommand) {
        if (command.type !== 'start' || !finish) return;
        const { runId } = command;
        const status = (state: 'running' | 'done') => ({
          type: 'status',
          runId,
          state,
          backend: null,
          epoch: 1,
          step: 1,
          stepsPerEpoch: 1,
          totalSteps: 1,
          samplesPerSecond: 0,
        });
        setTimeout(() => {
          post(status('running'));
          post(status('done'));
          post({ type: 'done', runId, reason: 'completed', message: 'Trained.' });
          exits.splice(0).forEach((l) => l({ code: 0, signal: null }));
        }, 0);
      },
      onMessage: (l) => void listeners.push(l),
      onExit: (l) => void exits.push(l),
      kill: () => exits.splice(0).forEach((l) => l({ code: null, signal: 'SIGKILL' })),
    };
  };
}

/** The first answer to `command` (its reply), and every event all subscribers saw until then. */
function ask(host: LabHost, command: ClientCommand): Promise<LabEvent> {
  return new Promise((resolve) => host.dispatch(command, resolve));
}

async function startRun(host: LabHost, requestId: string): Promise<string> {
  const created = await ask(host, { type: 'start', requestId, lab: 'vae', config: vaePresets.tiny });
  if (created.type !== 'run-created') throw new Error(JSON.stringify(created));
  return created.runId;
}

/** Starts a run that finishes at once, and waits for its done. */
async function finishedRun(host: LabHost, requestId: string): Promise<string> {
  let runId = '';
  const done = new Promise<void>((resolve) =>
    host.subscribe((e) => void (e.type === 'done' && e.runId === runId && resolve())),
  );
  runId = await startRun(host, requestId);
  await done;
  return runId;
}

const runsOf = (event: LabEvent): readonly RunSummary[] => {
  if (event.type !== 'runs') throw new Error(`expected runs, got ${JSON.stringify(event)}`);
  return event.runs;
};

describe('delete-run', () => {
  it('removes exactly the run folder, leaves its sibling, and answers with the list', async () => {
    const runsDir = await mkdtemp(join(tmpdir(), 'ebm-delete-'));
    const host = createLabHost({ runsDir, launcher: scriptedLauncher(true), version: 'test' });
    try {
      const gone = await finishedRun(host, 'a');
      const kept = await finishedRun(host, 'b');
      await writeFile(join(runsDir, 'notes.txt'), 'mine');
      const answer = await ask(host, { type: 'delete-run', requestId: 'd', runId: gone });
      expect(answer).toMatchObject({ type: 'runs', requestId: 'd' });
      expect(runsOf(answer).map((r) => r.runId)).toEqual([kept]);
      expect((await readdir(runsDir)).sort()).toEqual([kept, 'notes.txt'].sort());
      expect(await readdir(join(runsDir, kept))).toEqual(expect.arrayContaining(['config.json']));
    } finally {
      await host.close();
    }
  });

  it('refuses a run that trains, and deletes nothing', async () => {
    const runsDir = await mkdtemp(join(tmpdir(), 'ebm-delete-'));
    const host = createLabHost({
      runsDir,
      launcher: scriptedLauncher(false),
      version: 'test',
      stopGraceMs: 10,
    });
    try {
      const runId = await startRun(host, 'a');
      const answer = await ask(host, { type: 'delete-run', requestId: 'd', runId });
      expect(answer).toMatchObject({
        type: 'error',
        requestId: 'd',
        message: expect.stringContaining(`Run ${runId} is still training; stop it before deleting it.`),
        // The refusal as a code for the window, the reason a coded sentence of its own.
        code: 'commandFailed',
        params: { command: 'delete-run', error: { code: 'stillTraining', params: { runId } } },
      });
      expect(await readdir(runsDir)).toEqual([runId]);
    } finally {
      await host.close();
    }
  });

  it.each([
    ['a path out of the runs folder', '..'],
    ['a nested path', 'x/../..'],
    ['a folder that holds no run', 'photos'],
    ['a link to a run folder elsewhere', 'linked'],
    ['a run that does not exist', '2026-01-01T00-00-00-vae-d2-0000'],
  ])('refuses %s, and deletes nothing', async (_, runId) => {
    const runsDir = await mkdtemp(join(tmpdir(), 'ebm-delete-'));
    const outside = await mkdtemp(join(tmpdir(), 'ebm-outside-'));
    const elsewhere = await createRunStore(outside).create({ lab: 'vae', config: vaePresets.tiny }, null);
    await mkdir(join(runsDir, 'photos'));
    await writeFile(join(runsDir, 'photos', 'a.png'), 'png');
    await symlink(elsewhere.dir, join(runsDir, 'linked'));
    const host = createLabHost({ runsDir, launcher: scriptedLauncher(true), version: 'test' });
    try {
      const kept = await finishedRun(host, 'a');
      // Straight to the host, as if the transport's validation had let it through.
      const answer = await ask(host, { type: 'delete-run', requestId: 'd', runId });
      expect(answer).toMatchObject({ type: 'error', requestId: 'd' });
      expect((await readdir(runsDir)).sort()).toEqual([kept, 'linked', 'photos'].sort());
      expect(await readdir(join(runsDir, 'photos'))).toEqual(['a.png']);
      expect(await readdir(elsewhere.dir)).toEqual(expect.arrayContaining(['config.json']));
      expect(await readdir(outside)).toEqual([elsewhere.runId]);
    } finally {
      await host.close();
    }
  });
});

describe('rename-run', () => {
  it('keeps the name in the run folder, across a restart of the host', async () => {
    const runsDir = await mkdtemp(join(tmpdir(), 'ebm-rename-'));
    const host = createLabHost({ runsDir, launcher: scriptedLauncher(true), version: 'test' });
    const runId = await finishedRun(host, 'a');
    const other = await finishedRun(host, 'b');
    const answer = await ask(host, {
      type: 'rename-run',
      requestId: 'n',
      runId,
      name: 'β = 4, the blurry one',
    });
    const named = new Map(runsOf(answer).map((r) => [r.runId, r.name]));
    expect(named.get(runId)).toBe('β = 4, the blurry one');
    expect(named.get(other)).toBeUndefined();
    await host.close();

    const { runs } = await createRunStore(runsDir).scan();
    expect(runs.find((r) => r.runId === runId)).toMatchObject({
      name: 'β = 4, the blurry one',
      state: 'done',
    });
    const again = createLabHost({ runsDir, launcher: scriptedLauncher(true), version: 'test' });
    try {
      const listed = runsOf(await ask(again, { type: 'list-runs', requestId: 'l' }));
      expect(listed.find((r) => r.runId === runId)?.name).toBe('β = 4, the blurry one');
      const renamed = await ask(again, { type: 'rename-run', requestId: 'm', runId, name: 'sharper' });
      expect(runsOf(renamed).find((r) => r.runId === runId)?.name).toBe('sharper');
    } finally {
      await again.close();
    }
  });

  it('refuses a run that does not exist', async () => {
    const runsDir = await mkdtemp(join(tmpdir(), 'ebm-rename-'));
    const host = createLabHost({ runsDir, launcher: scriptedLauncher(true), version: 'test' });
    try {
      const answer = await ask(host, {
        type: 'rename-run',
        requestId: 'n',
        runId: '2026-01-01T00-00-00-vae-d2-0000',
        name: 'x',
      });
      expect(answer).toMatchObject({
        type: 'error',
        requestId: 'n',
        message: expect.stringContaining('no run'),
      });
      expect(await readdir(runsDir)).toEqual([]);
    } finally {
      await host.close();
    }
  });
});

describe('a start the trainer refuses', () => {
  it.each([
    [
      'a bad IDX path',
      (dir: string): StartSpec => {
        const missing = join(dir, 'missing-images.idx');
        return {
          lab: 'vae',
          config: { ...vaePresets.tiny, data: { kind: 'idx', images: missing, labels: missing } },
        };
      },
      /missing-images\.idx/,
    ],
    [
      'an empty photo folder',
      (dir: string): StartSpec => ({
        lab: 'sparse',
        config: {
          ...sparsePresets.tiny,
          data: { kind: 'patches', source: 'folder', folder: dir, whitening: 'olshausen-field' },
        },
      }),
      /no PNG or JPEG images in/,
    ],
  ])(
    'leaves no run folder (%s), while its error and done still reach the client',
    async (_, specIn, sentence) => {
      const runsDir = await mkdtemp(join(tmpdir(), 'ebm-refused-'));
      const data = await mkdtemp(join(tmpdir(), 'ebm-refused-data-'));
      const host = createLabHost({
        runsDir,
        launcher: createForkLauncher({ stdio: 'ignore' }),
        version: 'test',
        backend: 'cpu',
      });
      const events: LabEvent[] = [];
      const done = new Promise<void>((resolve) =>
        host.subscribe((e) => {
          events.push(e);
          if (e.type === 'done') resolve();
        }),
      );
      try {
        const created = await ask(host, { type: 'start', requestId: 's', ...specIn(data) });
        expect(created.type).toBe('run-created');
        await done;
        expect(events.find((e) => e.type === 'error')).toMatchObject({
          field: 'data',
          message: expect.stringMatching(sentence),
        });
        expect(events.at(-1)).toMatchObject({ type: 'done', reason: 'failed' });
        expect(await readdir(runsDir)).toEqual([]);
        expect(runsOf(await ask(host, { type: 'list-runs', requestId: 'l' }))).toEqual([]);
      } finally {
        await host.close();
      }
    },
    60_000,
  );
});
