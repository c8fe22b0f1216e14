import { describe, expect, it } from 'vitest';
import type { MetricsEvent, StatusEvent, TrainerEvent } from '../../protocol/messages.js';
import { createRunControl } from '../../trainer/run-control.js';

function harness(params: Record<string, number> = { lambda: 0.1 }) {
  const events: TrainerEvent[] = [];
  let t = 0;
  const control = createRunControl({
    runId: 'r',
    backend: { name: 'cpu', reason: 'test' },
    post: (e) => events.push(e),
    totalSteps: 100,
    stepsPerEpoch: 10,
    timing: { metricsMs: 100, statusMs: 1000, viewsMs: 500 },
    now: () => t,
    params,
    checkParam: (name, value) =>
      value > 0 ? null : { field: name, message: `${name} must be greater than 0; got ${value}.` },
  });
  return { control, events, advance: (ms: number) => (t += ms) };
}

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
    const done = control.finish('diverged', 'The loss became NaN at step 3.');
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
    const done = control.finish('stopped', 'Stopped.');
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
    expect(errors[1]?.message).toMatch(/live parameters: lambda/);
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
