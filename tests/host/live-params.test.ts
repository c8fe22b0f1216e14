/**
 * The host is the choke point of set-param (host/lab-host.ts): a name that is not a live
 * parameter of the run's lab, or a value out of its range, is answered with an error naming
 * the parameter (and its range) and never reaches the trainer; a valid value does.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createLabHost } from '../../host/lab-host.js';
import type { TrainerEndpoint, TrainerLauncher } from '../../host/types.js';
import { labNames, labs, parseStartSpec, type LabName } from '../../protocol/labs.js';
import type { ClientCommand, LabEvent, TrainerCommand } from '../../protocol/messages.js';

/** Trainers that train for ever and record what the host sends them. */
function recordingLauncher(sent: TrainerCommand[]): TrainerLauncher {
  return (): TrainerEndpoint => {
    const exits: ((e: { code: number | null; signal: string | null }) => void)[] = [];
    return {
      pid: 1,
      send: (command) => void sent.push(command),
      onMessage: () => {},
      onExit: (l) => void exits.push(l),
      kill: () => exits.splice(0).forEach((l) => l({ code: null, signal: 'SIGKILL' })),
    };
  };
}

/** The replies to a run command (the host answers those at once, before any await). */
function answer(host: ReturnType<typeof createLabHost>, command: ClientCommand): LabEvent[] {
  const replies: LabEvent[] = [];
  host.dispatch(command, (e) => replies.push(e));
  return replies;
}

async function startedRun(lab: LabName) {
  const sent: TrainerCommand[] = [];
  const runsDir = await mkdtemp(join(tmpdir(), `ebm-live-${lab}-`));
  const host = createLabHost({
    runsDir,
    launcher: recordingLauncher(sent),
    version: 'test',
    maxRuns: 8,
    stopGraceMs: 0,
  });
  const spec = parseStartSpec(lab, {});
  if (!spec.ok) throw new Error(spec.errors.map((e) => e.message).join(' '));
  const created = await new Promise<LabEvent>((resolve) =>
    host.dispatch({ type: 'start', requestId: 'req-1', ...spec.value }, resolve),
  );
  if (created.type !== 'run-created') throw new Error(`no run: ${JSON.stringify(created)}`);
  await vi.waitFor(() => expect(sent.map((c) => c.type)).toEqual(['start'])); // the trainer got its run
  return { host, sent, runId: created.runId, runsDir };
}

describe('set-param at the host', () => {
  it.each(labNames)('%s: refuses toString, constructor and valueOf before the trainer', async (lab) => {
    const { host, sent, runId } = await startedRun(lab);
    try {
      for (const name of ['toString', 'constructor', 'valueOf']) {
        const replies = answer(host, { type: 'set-param', runId, name, value: 1 });
        expect(replies).toEqual([
          {
            type: 'error',
            runId,
            field: name,
            code: 'notLiveNamed',
            params: expect.objectContaining({ name }),
            message: expect.stringMatching(
              new RegExp(`^${name} cannot be changed while this run trains; live parameters: `),
            ),
          },
        ]);
      }
      expect(sent.map((c) => c.type)).toEqual(['start']);
    } finally {
      await host.close();
    }
  });

  it.each(labNames)(
    '%s: refuses a value out of range with the range; a valid one reaches the run',
    async (lab) => {
      const { host, sent, runId } = await startedRun(lab);
      try {
        const [name, spec] = Object.entries(labs[lab].liveParams)[0]!;
        const replies = answer(host, { type: 'set-param', runId, name, value: spec.max * 2 + 1 });
        expect(replies).toEqual([
          expect.objectContaining({
            type: 'error',
            field: name,
            message: expect.stringContaining(`and at most ${spec.max}`),
          }),
        ]);
        expect(sent.map((c) => c.type)).toEqual(['start']);
        expect(answer(host, { type: 'set-param', runId, name, value: spec.max })).toEqual([]);
        expect(sent.at(-1)).toEqual({ type: 'set-param', runId, name, value: spec.max });
      } finally {
        await host.close();
      }
    },
  );
});

describe('live values in the run folder', () => {
  it('keeps each accepted value in params.jsonl and gives them back when the run is opened', async () => {
    const { host, runId, runsDir } = await startedRun('vae');
    try {
      answer(host, { type: 'set-param', runId, name: 'beta', value: 4 });
      answer(host, { type: 'set-param', runId, name: 'beta', value: 1e9 }); // refused: not kept
      answer(host, { type: 'set-param', runId, name: 'learningRate', value: 5e-4 });
      const file = join(runsDir, runId, 'params.jsonl');
      await vi.waitFor(async () =>
        expect((await readFile(file, 'utf8').catch(() => '')).trim().split('\n')).toHaveLength(2),
      );
      const opened = await new Promise<LabEvent>((resolve) =>
        host.dispatch({ type: 'open-run', requestId: 'o', runId }, (e) => {
          if (e.type === 'run-opened') resolve(e);
        }),
      );
      expect(opened.type === 'run-opened' && opened.params).toMatchObject([
        { name: 'beta', value: 4, step: 0 },
        { name: 'learningRate', value: 5e-4, step: 0 },
      ]);
    } finally {
      await host.close();
    }
  });
});
