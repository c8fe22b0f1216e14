/**
 * The NaN path of every lab but the VAE (tests/trainer/experiment.test.ts has its own),
 * through the real trainer over an in-memory port. None of these
 * labs diverges at its largest allowed rates (their steps are normalised, projected or
 * clipped), so the fault is injected: the engine the trainer picks is wrapped so that right
 * after the n-th run of the lab's training program every state entry (weights, optimizer
 * moments) turns NaN, as one step too large would. The loss of a step is that of the weights
 * before its update, so a mid-epoch fault shows as a NaN loss at the next step, and one at the
 * last step of an epoch (or model, or run) only in the check of the weights that ends it.
 *
 * Each run must end 'diverged' with its lab's sentence naming the step, post that sentence as
 * an error, end with status 'failed' at that step, keep the NaN out of the metrics, and leave
 * the last good checkpoint on disk, finite (or say that none had been written).
 */
import { access, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EngineFactory, GraphEngine } from '../../models/graph/program.js';
import { contrastivePresets } from '../../protocol/contrastive/config.js';
import { convPresets, type ConvLabConfig } from '../../protocol/conv/config.js';
import { defaultDenoiserConfig, type DenoiserConfig } from '../../protocol/dae/config.js';
import { tinyEnergyConfig, type EnergyConfig } from '../../protocol/energy/config.js';
import type { LabConfigs } from '../../protocol/labs.js';
import type { DoneEvent, MetricsEvent, StatusEvent, TrainerEvent } from '../../protocol/messages.js';
import { sparsePresets, type SparseConfig } from '../../protocol/sparse/config.js';
import { selectEngine } from '../../trainer/backend.js';
import { createTrainer } from '../../trainer/trainer-core.js';
import { CHECKPOINT_JSON, readCheckpoint } from '../../trainer/checkpoint.js';

/**
 * Wraps `inner` so that its state turns NaN right after the `after`-th run of a program named
 * like `program`; `then` is called at that moment.
 */
function poisonAfter(
  inner: EngineFactory,
  program: RegExp,
  after: number,
  then: () => void = () => {},
): EngineFactory {
  let runs = 0;
  return (state) => {
    const engine = inner(state);
    const poisoned: GraphEngine = {
      description: engine.description,
      async run(p, feeds) {
        const fetched = await engine.run(p, feeds);
        if (program.test(p.name) && ++runs === after) {
          for (const [name, entry] of Object.entries(state))
            engine.write(name, new Float32Array(entry.data.length).fill(Number.NaN));
          then();
        }
        return fetched;
      },
      read: (name) => engine.read(name),
      write: (name, data) => engine.write(name, data),
      dispose: () => engine.dispose(),
    };
    return poisoned;
  };
}

interface Fault {
  /** The lab's training program (a regular expression on its name). */
  readonly program: RegExp;
  /** The state turns NaN right after this run of it (1-based). */
  readonly after: number;
  /** Send Stop at that moment, so that the run stops before the next step would show the NaN. */
  readonly stop?: boolean;
}

/** Runs one config through a real trainer whose engine goes NaN as `fault` says. */
async function train<L extends 'sparse' | 'conv' | 'dae' | 'energy' | 'contrastive'>(
  lab: L,
  config: LabConfigs[L],
  fault: Fault,
) {
  const runDir = await mkdtemp(join(tmpdir(), `ebm-nan-${lab}-`));
  const events: TrainerEvent[] = [];
  let deliver: (message: unknown) => void = () => {};
  const trainer = createTrainer(
    { post: (e) => events.push(e), onMessage: (l) => (deliver = l) },
    {
      timing: { viewsMs: 0 },
      selectEngine: async (request) => {
        const chosen = await selectEngine(request);
        const stop = () => deliver({ type: 'stop', runId: 'nan-1' });
        return {
          ...chosen,
          engine: poisonAfter(chosen.engine, fault.program, fault.after, fault.stop ? stop : undefined),
        };
      },
    },
  );
  deliver({ type: 'start', runId: 'nan-1', runDir, lab, config, threads: 1 });
  const done: DoneEvent = await trainer.finished;
  return { done, events, runDir };
}

/** What every diverged run shows, whatever the lab: done, error, final status, finite metrics. */
function expectDiverged(
  { done, events }: { done: DoneEvent; events: readonly TrainerEvent[] },
  step: number,
  sentence: RegExp,
  losses: readonly string[],
): void {
  expect(done.reason, done.message).toBe('diverged');
  expect(done.message).toMatch(sentence);
  const errors = events.filter((e) => e.type === 'error');
  expect(errors.map((e) => e.message)).toEqual([done.message]);
  const status = events.filter((e): e is StatusEvent => e.type === 'status').at(-1);
  expect(status).toMatchObject({ state: 'failed', step });
  expect(events.at(-1)).toBe(done);
  const train = events.filter((e): e is MetricsEvent => e.type === 'metrics' && e.split === 'train');
  const steps = train.flatMap((e) => [...e.steps]);
  expect(steps.at(-1)).toBeLessThanOrEqual(step);
  for (const name of losses) {
    const values = train.flatMap((e) => [...(e.columns[name] ?? [])]);
    expect(values.length, name).toBeGreaterThan(0);
    expect(values.every(Number.isFinite), name).toBe(true);
  }
  for (const e of events.filter((e): e is MetricsEvent => e.type === 'metrics' && e.split === 'test'))
    for (const column of Object.values(e.columns)) expect([...column].every(Number.isFinite)).toBe(true);
}

/** The checkpoint on disk is of `step`, every weight finite, and the last one announced. */
async function expectCheckpoint(
  { events, runDir }: { events: readonly TrainerEvent[]; runDir: string },
  step: number,
): Promise<void> {
  const { index, weights } = await readCheckpoint(runDir);
  expect(index.step).toBe(step);
  expect(Object.keys(weights).length).toBeGreaterThan(0);
  for (const [name, w] of Object.entries(weights)) expect(w.data.every(Number.isFinite), name).toBe(true);
  expect(events.filter((e) => e.type === 'checkpoint').at(-1)).toMatchObject({ step });
}

async function expectNoCheckpoint({ events, runDir }: { events: readonly TrainerEvent[]; runDir: string }) {
  await expect(access(join(runDir, CHECKPOINT_JSON))).rejects.toThrow();
  expect(events.some((e) => e.type === 'checkpoint')).toBe(false);
}

describe('sparse coding diverges with its sentence and keeps the last good checkpoint', () => {
  // 320 training patches in batches of 50: 7 steps per epoch, 2 epochs.
  const tiny: SparseConfig = sparsePresets.tiny;
  const learn = /^sparse\.learn\./;

  it('stops at the step whose energy is NaN, keeping the checkpoint of the first epoch', async () => {
    const run = await train('sparse', tiny, { program: learn, after: 9 });
    expectDiverged(
      run,
      10,
      /^The energy became NaN at step 10; training stopped and kept the checkpoint of step 7\. Try a smaller learning rate\.$/,
      ['energy', 'reconstruction'],
    );
    await expectCheckpoint(run, 7);
  }, 60_000);

  it('stops at an epoch end whose dictionary is NaN, and says no checkpoint had been written', async () => {
    const run = await train('sparse', tiny, { program: learn, after: 7 });
    expectDiverged(
      run,
      7,
      /^The dictionary became NaN or infinite at step 7; training stopped and no checkpoint had been written yet\./,
      ['energy'],
    );
    await expectNoCheckpoint(run);
  }, 60_000);

  it("stops LISTA's training at its NaN loss, keeping the dictionary's checkpoint", async () => {
    const config: SparseConfig = { ...tiny, task: 'lista', epochs: 1, listaIterations: 20 };
    const run = await train('sparse', config, { program: /^lista\.train\./, after: 4 });
    expectDiverged(
      run,
      7 + 5,
      /^The LISTA loss became NaN at step 12; training stopped and kept the checkpoint of step 7\. Try a smaller LISTA learning rate\.$/,
      ['energy', 'lista'],
    );
    await expectCheckpoint(run, 7);
  }, 60_000);

  it("stops when LISTA's last step leaves NaN weights, instead of stating a NaN equivalence", async () => {
    const config: SparseConfig = { ...tiny, task: 'lista', epochs: 1, listaIterations: 20 };
    const run = await train('sparse', config, { program: /^lista\.train\./, after: 20 });
    expectDiverged(
      run,
      7 + 20,
      /^LISTA's held-out error became NaN at step 27; training stopped and kept the checkpoint of step 7\. Try a smaller LISTA learning rate\.$/,
      ['energy', 'lista'],
    );
    await expectCheckpoint(run, 7);
  }, 60_000);
});

describe('convolutional sparse coding diverges with its sentence and keeps the last good checkpoint', () => {
  // The sweep n = 1, 2, 4 of 3 steps each; a checkpoint after each model.
  const sweep: ConvLabConfig = { ...convPresets.tiny, mode: 'sweep', kernels: 4, steps: 3 };
  const trainProgram = /^conv\.train\./;

  it('stops at the step whose loss is NaN, keeping the checkpoint of the first model', async () => {
    const run = await train('conv', sweep, { program: trainProgram, after: 4 });
    expectDiverged(
      run,
      5,
      /^The loss became NaN at step 5 \(n = 2\); training stopped and kept the checkpoint of step 3\. Try a smaller learning rate or λ\.$/,
      ['recon', 'total'],
    );
    await expectCheckpoint(run, 3);
  }, 60_000);

  it("stops at a model's end whose kernels are NaN, keeping the previous model's checkpoint", async () => {
    const run = await train('conv', sweep, { program: trainProgram, after: 6 });
    expectDiverged(
      run,
      6,
      /^The kernels became NaN or infinite at step 6 \(n = 2\); training stopped and kept the checkpoint of step 3\./,
      ['total'],
    );
    await expectCheckpoint(run, 3);
  }, 60_000);
});

describe('the MNIST denoiser diverges with its sentence and keeps the last good checkpoint', () => {
  // 9,000 training digits in batches of 1,000: 9 steps per epoch.
  const small: DenoiserConfig = { ...defaultDenoiserConfig, hiddenDim: 16, batchSize: 1000, epochs: 2 };
  const trainProgram = /^dae\.train\./;

  it('stops at the step whose loss is NaN, keeping the checkpoint of the first epoch', async () => {
    const run = await train('dae', small, { program: trainProgram, after: 11 });
    expectDiverged(
      run,
      12,
      /^The loss became NaN at step 12; training stopped and kept the checkpoint of step 9\. Try a smaller learning rate\.$/,
      ['loss'],
    );
    await expectCheckpoint(run, 9);
  }, 60_000);

  it('stops at an epoch end whose test loss is NaN, and says no checkpoint had been written', async () => {
    const run = await train('dae', small, { program: trainProgram, after: 9 });
    expectDiverged(
      run,
      9,
      /^The test loss became NaN at step 9; training stopped and no checkpoint had been written yet\./,
      ['loss'],
    );
    await expectNoCheckpoint(run);
  }, 60_000);
});

describe('the energy landscapes diverge with their sentence', () => {
  const tiny: EnergyConfig = { ...tinyEnergyConfig, steps: 12 };

  it.each([
    ['cd', /^contrastive\.train\./],
    ['latent', /^latent\.train\./],
  ] as const)(
    '%s stops at the step whose loss is NaN and says it has no checkpoint',
    async (method, program) => {
      const run = await train('energy', { ...tiny, method }, { program, after: 4 });
      expectDiverged(
        run,
        5,
        /^The loss became NaN at step 5; training stopped with no checkpoint \(this lab writes one only at the end or on Stop\)\. Try a smaller learning rate or Langevin step, or a larger α\.$/,
        ['loss', 'energyData'],
      );
      await expectNoCheckpoint(run);
    },
    60_000,
  );

  it('stops when the last step leaves NaN weights, instead of completing without a checkpoint', async () => {
    const run = await train('energy', tiny, { program: /^contrastive\.train\./, after: 12 });
    expectDiverged(
      run,
      12,
      /^The weights became NaN or infinite at step 12; training stopped with no checkpoint/,
      ['loss'],
    );
    await expectNoCheckpoint(run);
  }, 60_000);
});

describe('the contrastive lab diverges with its sentence and keeps the last good checkpoint', () => {
  // The tiny preset: 2 epochs of 3 steps, a checkpoint at each epoch end.
  const trainProgram = /^contrastive\.train\./;

  it('stops at the step whose loss is NaN, keeping the checkpoint of the first epoch', async () => {
    const run = await train('contrastive', contrastivePresets.tiny, { program: trainProgram, after: 4 });
    expectDiverged(
      run,
      5,
      /^The loss became NaN at step 5; training stopped and kept the checkpoint of step 3\. Try a smaller learning rate or a larger τ\.$/,
      ['loss'],
    );
    await expectCheckpoint(run, 3);
  }, 60_000);

  it('stops at an epoch end whose weights are NaN, and says no checkpoint had been written', async () => {
    const run = await train('contrastive', contrastivePresets.tiny, { program: trainProgram, after: 3 });
    expectDiverged(
      run,
      3,
      /^The weights became NaN or infinite at step 3; training stopped and no checkpoint had been written yet\./,
      ['loss'],
    );
    await expectNoCheckpoint(run);
  }, 60_000);
});

describe('a Stop right after the weights went NaN', () => {
  it.each([
    [
      'sparse',
      () => train('sparse', sparsePresets.tiny, { program: /^sparse\.learn\./, after: 9, stop: true }),
      /^The dictionary became NaN or infinite at step 9; training stopped and kept the checkpoint of step 7\./,
      9,
      7,
    ],
    [
      'conv',
      () =>
        train(
          'conv',
          { ...convPresets.tiny, mode: 'sweep', kernels: 4, steps: 3 },
          { program: /^conv\.train\./, after: 4, stop: true },
        ),
      /^The kernels became NaN or infinite at step 4 \(n = 2\); training stopped and kept the checkpoint of step 3\./,
      4,
      3,
    ],
    [
      'dae',
      () =>
        train(
          'dae',
          { ...defaultDenoiserConfig, hiddenDim: 16, batchSize: 1000, epochs: 2 },
          { program: /^dae\.train\./, after: 11, stop: true },
        ),
      /^The weights became NaN or infinite at step 11; training stopped and kept the checkpoint of step 9\./,
      11,
      9,
    ],
    [
      'energy',
      () => train('energy', tinyEnergyConfig, { program: /^contrastive\.train\./, after: 4, stop: true }),
      /^The weights became NaN or infinite at step 4; training stopped with no checkpoint/,
      4,
      null,
    ],
  ] as const)(
    '%s ends diverged, not stopped, and writes no NaN checkpoint',
    async (_, run, sentence, step, kept) => {
      const result = await run();
      expectDiverged(result, step, sentence, []);
      if (kept === null) await expectNoCheckpoint(result);
      else await expectCheckpoint(result, kept);
    },
    60_000,
  );
});
