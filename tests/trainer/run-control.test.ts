import { mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { NamedWeights } from '../../models/weights.js';
import type { FieldTable } from '../../protocol/fields.js';
import type { MetricsEvent, StatusEvent, TrainerEvent } from '../../protocol/messages.js';
import { readCheckpoint } from '../../trainer/checkpoint.js';
import { createRunControl } from '../../trainer/run-control.js';
import { saidAsIs } from '../../protocol/texts.js';

const lambdaTable: FieldTable<'lambda'> = {
  lambda: { kind: 'float', label: 'λ', help: 'sparsity', min: 0, max: 10, minExclusive: true },
};

function harness(runDir = join(tmpdir(), 'ebm-run-control-unused')) {
  const events: TrainerEvent[] = [];
  let t = 0;
  const run = {
    runId: 'r',
    runDir,
    backend: { name: 'cpu', reason: 'test' },
    post: (e: TrainerEvent) => void events.push(e),
    config: { lambda: 0.1 },
    timing: { metricsMs: 100, statusMs: 1000, viewsMs: 500 },
    now: () => t,
  } as const;
  const control = createRunControl(run, { totalSteps: 100, stepsPerEpoch: 10, live: lambdaTable });
  return { control, events, advance: (ms: number) => (t += ms) };
}

const weights = (value: number): NamedWeights => ({ w: { shape: [2], data: Float32Array.of(1, value) } });

const ofType = <T extends TrainerEvent['type']>(events: TrainerEvent[], type: T) =>
  events.filter((e): e is Extract<TrainerEvent, { type: T }> => e.type === type);

describe('run control', () => {
  it('batches scalars: the first step at once, then one event per metrics interval', () => {
    const { control, events, advance } = harness();
    control.begin();
    for (let i = 0; i < 10; i++) {
      control.stepped(4, { loss: 10 - i });
      advance(30);
    }
    control.flush();
    const metrics = ofType(events, 'metrics') as MetricsEvent[];
    expect(metrics[0]?.steps).toEqual(Float64Array.from([1]));
    const steps = metrics.flatMap((m) => Array.from(m.steps));
    expect(steps).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(metrics.length).toBeLessThan(6);
    expect(Array.from(metrics.at(-1)!.epochs).at(-1)).toBeCloseTo(1);
    expect(Array.from(metrics.flatMap((m) => Array.from(m.columns.loss!)))).toEqual([
      10, 9, 8, 7, 6, 5, 4, 3, 2, 1,
    ]);
  });

  it('counts a step that went astray without logging its scalars, and ends diverged as failed', () => {
    const { control, events } = harness();
    control.begin();
    control.stepped(4, { loss: 2 });
    control.stepped(4, { loss: 1 });
    control.steppedAstray(4);
    expect(control.step).toBe(3);
    const done = control.finish('diverged', saidAsIs('The loss became NaN at step 3.'));
    expect(done).toMatchObject({ reason: 'diverged', message: 'The loss became NaN at step 3.' });
    const metrics = ofType(events, 'metrics') as MetricsEvent[];
    expect(metrics.flatMap((m) => Array.from(m.steps))).toEqual([1, 2]);
    expect(metrics.flatMap((m) => Array.from(m.columns.loss!))).toEqual([2, 1]);
    expect((ofType(events, 'status') as StatusEvent[]).at(-1)).toMatchObject({ state: 'failed', step: 3 });
  });

  it('pauses, resumes and stops between steps', async () => {
    const { control, events } = harness();
    control.begin();
    control.handle({ type: 'pause', runId: 'r' });
    expect(control.state).toBe('paused');
    let passed = false;
    const gate = control.gate().then((g) => ((passed = true), g));
    await new Promise((r) => setTimeout(r, 20));
    expect(passed).toBe(false);
    control.handle({ type: 'resume', runId: 'r' });
    expect(await gate).toBe('go');
    control.handle({ type: 'stop', runId: 'r' });
    expect(await control.gate()).toBe('stop');
    const done = control.finish('stopped', saidAsIs('Stopped.'));
    expect(done.reason).toBe('stopped');
    const states = (ofType(events, 'status') as StatusEvent[]).map((s) => s.state);
    expect(states).toEqual(['running', 'paused', 'running', 'stopped']);
    control.handle({ type: 'pause', runId: 'r' });
    expect(ofType(events, 'error').at(-1)?.message).toMatch(/has finished/);
  });

  it('takes known live parameters in range and refuses others with a sentence', () => {
    const { control, events } = harness();
    control.handle({ type: 'set-param', runId: 'r', name: 'lambda', value: 0.5 });
    expect(control.params.lambda).toBe(0.5);
    control.handle({ type: 'set-param', runId: 'r', name: 'lambda', value: -1 });
    expect(control.params.lambda).toBe(0.5);
    control.handle({ type: 'set-param', runId: 'r', name: 'beta', value: 2 });
    const errors = ofType(events, 'error');
    expect(errors.map((e) => e.field)).toEqual(['lambda', 'beta']);
    expect(errors[0]?.message).toBe('λ (lambda) must be a number greater than 0 and at most 10; got -1.');
    expect(errors[1]?.message).toMatch(/live parameters: lambda/);
  });

  it.each(['toString', 'constructor', 'valueOf', 'hasOwnProperty', '__proto__'])(
    'refuses %s: only the table’s own names are live parameters',
    (name) => {
      const { control, events } = harness();
      control.handle({ type: 'set-param', runId: 'r', name, value: 1 });
      expect(ofType(events, 'error')).toEqual([
        expect.objectContaining({
          field: name,
          message: expect.stringMatching(/live parameters: lambda\.$/),
        }),
      ]);
      expect(Object.keys(control.params)).toEqual(['lambda']);
      expect(Object.hasOwn(control.params, name)).toBe(false);
    },
  );

  it('checkpoints finite weights at the current step and announces them; refuses NaN weights', async () => {
    const runDir = await mkdtemp(join(tmpdir(), 'ebm-run-control-'));
    const { control, events } = harness(runDir);
    control.begin();
    for (let i = 0; i < 15; i++) control.stepped(4, { loss: 1 });
    expect(await control.checkpoint(weights(2))).toBe(true);
    expect(control.checkpointStep).toBe(15);
    expect(ofType(events, 'checkpoint')).toEqual([
      { type: 'checkpoint', runId: 'r', step: 15, epoch: 1.5, file: 'checkpoint.json' },
    ]);
    control.stepped(4, { loss: 1 });
    expect(await control.checkpoint(weights(Number.NaN))).toBe(false);
    expect(control.checkpointStep).toBe(15);
    expect((await readCheckpoint(runDir)).index).toMatchObject({ step: 15, epoch: 1.5 });
    expect(ofType(events, 'checkpoint')).toHaveLength(1);
  });

  it('ends the run through the host when a checkpoint cannot be written', async () => {
    const runDir = await mkdtemp(join(tmpdir(), 'ebm-run-control-'));
    await mkdir(join(runDir, 'checkpoint.bin')); // renaming onto a non-empty folder fails
    await writeFile(join(runDir, 'checkpoint.bin', 'keep'), 'x');
    const { control, events } = harness(runDir);
    control.stepped(4, { loss: 1 });
    expect(await control.checkpoint(weights(2))).toBe(true);
    expect(control.checkpointStep).toBeNull();
    expect(ofType(events, 'error')).toEqual([
      expect.objectContaining({
        fatal: true,
        message: expect.stringMatching(/^Could not write the checkpoint of step 1: /),
      }),
    ]);
    expect(await readdir(runDir)).toEqual(['checkpoint.bin']); // no temporary file left
  });

  it('ends a diverged run with one sentence: the step, where, the checkpoint kept and a tip', async () => {
    const runDir = await mkdtemp(join(tmpdir(), 'ebm-run-control-'));
    const first = harness(runDir);
    first.control.begin();
    first.control.stepped(4, { loss: 1 });
    first.control.steppedAstray(4);
    const none = first.control.diverged(saidAsIs('The loss became NaN'), {
      tip: saidAsIs('Try a smaller learning rate.'),
    });
    expect(none).toMatchObject({
      reason: 'diverged',
      message:
        'The loss became NaN at step 2; training stopped and no checkpoint had been written yet. Try a smaller learning rate.',
    });
    expect(ofType(first.events, 'error').map((e) => e.message)).toEqual([none.message]);
    expect((ofType(first.events, 'status') as StatusEvent[]).at(-1)).toMatchObject({
      state: 'failed',
      step: 2,
    });

    const second = harness(runDir);
    second.control.stepped(4, { loss: 1 });
    await second.control.checkpoint(weights(1));
    second.control.stepped(4, { loss: 1 });
    expect(
      second.control.diverged(saidAsIs('The kernels became NaN or infinite'), {
        where: saidAsIs(' (n = 2)'),
        tip: saidAsIs('Try λ.'),
      }).message,
    ).toBe(
      'The kernels became NaN or infinite at step 2 (n = 2); training stopped and kept the checkpoint of step 1. Try λ.',
    );
    const third = harness(runDir);
    expect(
      third.control.diverged(saidAsIs('The loss became NaN'), {
        kept: saidAsIs('with no checkpoint'),
        tip: saidAsIs('Try.'),
      }).message,
    ).toBe('The loss became NaN at step 0; training stopped with no checkpoint. Try.');
  });

  it('spaces heavy views by the interval, and by 10 × their cost when they are slow', () => {
    const { control, advance } = harness();
    expect(control.viewsDue()).toBe(true);
    control.viewsSent(20);
    advance(400);
    expect(control.viewsDue()).toBe(false);
    advance(100);
    expect(control.viewsDue()).toBe(true);
    control.viewsSent(200); // slow views: next one after 2,000 ms
    advance(1000);
    expect(control.viewsDue()).toBe(false);
    advance(1000);
    expect(control.viewsDue()).toBe(true);
  });
});
