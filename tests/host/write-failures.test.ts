/**
 * A run whose folder cannot be written ends as failed, with the file and the cause named
 * (issue 13, item 2): before, a full disk gave a 'completed' run with a torn metrics line, a
 * status stuck at 'running' and temporary files left behind. /dev/full stands in for a full
 * disk (every write to it fails with ENOSPC).
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLabHost } from '../../host/lab-host.js';
import { METRICS_FILE, STATUS_FILE, writeFileAtomic } from '../../host/run-layout.js';
import type { TrainerEndpoint, TrainerLauncher } from '../../host/types.js';
import type { DoneEvent, LabEvent, TrainerCommand } from '../../protocol/messages.js';
import { vaePresets } from '../../protocol/vae/config.js';

const fullDisk = existsSync('/dev/full');

/** A trainer that posts one metrics point per `post()` call of the test, until killed. */
function steppingLauncher(): {
  launcher: TrainerLauncher;
  step: () => void;
  post: (event: Record<string, unknown>) => void;
  killed: () => boolean;
  started: () => boolean;
} {
  let send: (m: unknown) => void = () => {};
  let runId = '';
  let step = 0;
  let killed = false;
  const launcher: TrainerLauncher = (): TrainerEndpoint => {
    const exits: ((e: { code: number | null; signal: string | null }) => void)[] = [];
    return {
      pid: 1,
      send(command: TrainerCommand) {
        if (command.type === 'start') runId = command.runId;
      },
      onMessage: (l) => void (send = l),
      onExit: (l) => void exits.push(l),
      kill: () => {
        killed = true;
        exits.splice(0).forEach((l) => l({ code: null, signal: 'SIGKILL' }));
      },
    };
  };
  return {
    launcher,
    killed: () => killed,
    started: () => runId !== '',
    post: (event) => send({ runId, ...event }),
    step() {
      step += 1;
      send({
        type: 'metrics',
        runId,
        split: 'train',
        steps: Float64Array.of(step),
        epochs: Float64Array.of(step / 10),
        columns: { recon: Float32Array.of(500), kl: Float32Array.of(3), total: Float32Array.of(503) },
      });
    },
  };
}

/** A real host with a stepping trainer, one run started and its trainer listening. */
async function startRun() {
  const runsDir = await mkdtemp(join(tmpdir(), 'ebm-full-'));
  const trainer = steppingLauncher();
  const host = createLabHost({ runsDir, launcher: trainer.launcher, version: 'test' });
  const events: LabEvent[] = [];
  host.subscribe((e) => events.push(e));
  const created = await new Promise<LabEvent>((resolve) =>
    host.dispatch({ type: 'start', requestId: 'r', lab: 'vae', config: vaePresets.tiny }, resolve),
  );
  if (created.type !== 'run-created') throw new Error('no run');
  await expect.poll(() => trainer.started()).toBe(true);
  return { runsDir, trainer, host, events, created };
}

describe('a run folder that cannot be written', () => {
  it.runIf(fullDisk)(
    'ends the run as failed naming metrics.jsonl and the full disk, stops the trainer, keeps whole lines',
    async () => {
      const { runsDir, trainer, host, events, created } = await startRun();
      const dir = join(runsDir, created.runId);
      trainer.step();
      await expect
        .poll(async () => (await readFile(join(dir, METRICS_FILE), 'utf8')).length)
        .toBeGreaterThan(0);
      const whole = await readFile(join(dir, METRICS_FILE), 'utf8');
      await rm(join(dir, METRICS_FILE));
      await symlink('/dev/full', join(dir, METRICS_FILE)); // the disk is now full for metrics
      trainer.step();
      await expect.poll(() => events.some((e) => e.type === 'done'), { timeout: 5000 }).toBe(true);
      const done = events.find((e): e is DoneEvent => e.type === 'done');
      expect(done).toMatchObject({
        reason: 'failed',
        message: `Could not write metrics.jsonl: the disk is full. Run ${created.runId} stopped at step 2 (metrics saved up to step 1); no checkpoint had been written.`,
      });
      expect(trainer.killed()).toBe(true);
      await host.close();
      const status = JSON.parse(await readFile(join(dir, STATUS_FILE), 'utf8')) as { state: string };
      expect(status.state).toBe('failed');
      expect(whole.endsWith('\n')).toBe(true);
      expect((await readdir(dir)).filter((f) => f.includes('.tmp-'))).toEqual([]);
    },
  );

  it('ends the run when the trainer could not write its checkpoint (a fatal error), and stops the trainer', async () => {
    const { trainer, host, events, created } = await startRun();
    trainer.step();
    trainer.post({
      type: 'error',
      message: 'Could not write the checkpoint of step 1: the disk is full.',
      fatal: true,
    });
    await expect.poll(() => events.some((e) => e.type === 'done')).toBe(true);
    expect(events.find((e) => e.type === 'done')).toMatchObject({
      reason: 'failed',
      message: expect.stringMatching(
        new RegExp(
          `^Could not write the checkpoint of step 1: the disk is full\\. Run ${created.runId} stopped at step 1 `,
        ),
      ),
    });
    expect(trainer.killed()).toBe(true);
    await host.close();
  });

  it('leaves no temporary file when an atomic write fails, and the old file as it was', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ebm-atomic-'));
    const target = join(dir, 'status.json');
    await mkdir(target); // rename onto a non-empty folder fails
    await writeFile(join(target, 'keep'), 'x');
    await expect(writeFileAtomic(target, '{}')).rejects.toThrow();
    expect(await readdir(dir)).toEqual(['status.json']);
    expect(await readFile(join(target, 'keep'), 'utf8')).toBe('x');
  });
});
