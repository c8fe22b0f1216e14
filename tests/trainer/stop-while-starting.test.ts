/**
 * A Stop that arrives while the trainer starts (backend loading, data reading) ends the run at
 * once (issue 13): before, commands queued until the data had loaded, so a slow or stuck read
 * could not be stopped.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DoneEvent, TrainerEvent } from '../../protocol/messages.js';
import { sparsePresets } from '../../protocol/sparse/config.js';
import { selectEngine } from '../../trainer/backend.js';
import { createTrainer, type TrainerOptions } from '../../trainer/trainer-core.js';

const never = new Promise<never>(() => {});

/** Starts a tiny sparse run on wasm, waits until the trainer reaches the slow part, then sends Stop. */
async function stopWhile(options: TrainerOptions, reached: (events: TrainerEvent[]) => boolean) {
  const events: TrainerEvent[] = [];
  let deliver: (message: unknown) => void = () => {};
  const trainer = createTrainer({ post: (e) => events.push(e), onMessage: (l) => (deliver = l) }, options);
  const runDir = await mkdtemp(join(tmpdir(), 'ebm-stop-'));
  deliver({
    type: 'start',
    runId: 'run-1',
    runDir,
    lab: 'sparse',
    config: sparsePresets.tiny,
    backend: 'wasm',
  });
  await expect.poll(() => reached(events), { timeout: 10_000 }).toBe(true);
  deliver({ type: 'stop', runId: 'run-1' });
  const done: DoneEvent = await Promise.race([
    trainer.finished,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the Stop was not honoured')), 5000)),
  ]);
  return { done, events };
}

describe('Stop while the run starts', () => {
  it('ends a run whose data never finishes loading, at once and as stopped', async () => {
    const backendChosen = (events: TrainerEvent[]) =>
      events.some((e) => e.type === 'status' && e.state === 'starting' && e.backend !== null);
    const { done, events } = await stopWhile(
      { wrapLoad: () => never, selectEngine: (r) => selectEngine({ ...r, requested: 'wasm' }) },
      backendChosen,
    );
    expect(done).toMatchObject({
      type: 'done',
      runId: 'run-1',
      reason: 'stopped',
      code: 'stoppedEarly',
      message: 'Stopped while reading the data; nothing was trained.',
    });
    expect(events.filter((e) => e.type === 'status').at(-1)).toMatchObject({ state: 'stopped' });
    expect(events.some((e) => e.type === 'metrics')).toBe(false);
  });

  it('ends a run whose backend is still starting', async () => {
    const { done } = await stopWhile({ selectEngine: () => never }, (events) => events.length > 0);
    expect(done.message).toBe('Stopped while the backend started; nothing was trained.');
  });
});
