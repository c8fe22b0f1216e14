/**
 * The energy lab's run loop: `steps` updates of the chosen method on data batches, run as
 * programs on the run's engine (ONNX Runtime or TensorFlow.js, views too), with the live
 * parameters of run-control (learning rate, σ, η, s, k, α, ρ, λ). Scalars per step:
 * loss, mean energy of the data (energyData) and of the negatives (energyNeg). Views: the
 * landscape (128 × 128 grid, data, negatives/particles, DAE field) at the bounded view rate
 * and kept as snapshots; the particles alone every PARTICLES_MS so they move smoothly.
 *
 * Single step: while paused, set-param 'step' with a value n (1–1000) trains n more steps,
 * sends the views and pauses again. A NaN or infinite loss, or weights that are no longer finite
 * at the end (or on stop), stop the run ('diverged'); the step that diverged posts no metrics.
 * The checkpoint is written only at the end or on stop, so a diverged run has none, and its
 * sentence says so.
 */
import { mkdir } from 'node:fs/promises';
import { sampleBatch } from '../../models/energy/index.js';
import { createRng } from '../../models/rng.js';
import { energyLiveParams, energySingleStep, type EnergyConfig } from '../../protocol/energy/config.js';
import { checkNumber } from '../../protocol/fields.js';
import type { ArraysEvent, DoneEvent, RunCommand } from '../../protocol/messages.js';
import { sayEnergy } from '../../protocol/energy/texts.js';
import { nanWord, sayShared, type Said } from '../../protocol/texts.js';
import { allFinite, nanOrInfinite } from '../divergence.js';
import type { ExperimentContext, Experiment } from '../lab.js';
import { createRunControl } from '../run-control.js';
import { createLandscapeModel, type MethodStep } from './landscape-model.js';
import { landscapeEvent, makeLandscapeData, particlesEvent } from './landscape-views.js';
import { writeLandscapeExports } from './exports.js';

const PARTICLES_MS = 120;

export function createEnergyExperiment(ctx: ExperimentContext<EnergyConfig>): Experiment {
  const { runId, runDir, config, post } = ctx;
  const data = makeLandscapeData(config);
  const model = createLandscapeModel(config, data.bounds, ctx.engine);
  const rng = createRng(config.seed ^ 0xba7c);
  const control = createRunControl(ctx, {
    totalSteps: config.steps,
    stepsPerEpoch: config.steps,
    live: energyLiveParams,
  });
  let singleSteps = 0;
  let lastParticles = -Infinity;
  let last: MethodStep = { loss: Number.NaN, energyData: Number.NaN, energyNeg: Number.NaN, restarted: 0 };

  function handle(command: RunCommand): void {
    if (command.type !== 'set-param' || command.name !== 'step') return control.handle(command);
    const bad = checkNumber('step', energySingleStep, command.value);
    if (bad) return control.error(bad, bad.field);
    if (control.state !== 'paused') return control.error(sayEnergy('energyPauseFirst'), 'step');
    singleSteps = command.value;
    control.handle({ type: 'resume', runId });
  }

  let lastLandscape: ArraysEvent | null = null;

  async function sendLandscape(step: number): Promise<void> {
    const started = performance.now();
    lastLandscape = await landscapeEvent(runId, step, model, data, { lambda: control.params.lambda });
    post(lastLandscape);
    control.viewsSent(performance.now() - started);
  }

  /** The last landscape as .npy files for numpy (exports/, see exports.ts). */
  async function exportLandscape(): Promise<void> {
    if (!lastLandscape) return;
    try {
      await writeLandscapeExports(runDir, lastLandscape);
    } catch (e) {
      control.writeFailed(
        sayEnergy('energyExportFailed', { error: e instanceof Error ? e.message : String(e) }),
      );
    }
  }

  function sendParticles(step: number): void {
    const samples = model.samples();
    lastParticles = performance.now();
    if (samples && samples.length) post(particlesEvent(runId, step, samples));
  }

  /** Writes a checkpoint of finite weights; returns false when the weights are not finite. */
  const checkpoint = (): Promise<boolean> => control.checkpoint(model.weights());

  /** `what` opens the sentence, e.g. "The loss became NaN". */
  const diverged = (what: Said): DoneEvent =>
    control.diverged(what, { kept: sayEnergy('energyKeptNone'), tip: sayEnergy('energyTip') });

  async function run(): Promise<DoneEvent> {
    await mkdir(runDir, { recursive: true });
    control.begin();
    await sendLandscape(0);
    const started = performance.now();
    while (control.step < config.steps) {
      if ((await control.gate()) === 'stop') {
        if (!allFinite(model.weights())) return diverged(sayShared('weightsNotFinite'));
        await sendLandscape(control.step);
        await checkpoint();
        await exportLandscape();
        return control.finish('stopped', sayShared('stoppedAt', { step: control.step, steps: config.steps }));
      }
      const live = control.params;
      const batch = sampleBatch(data.points, config.batchSize, rng); // [b, 2]
      const result = await model.step(batch, live);
      if (!Number.isFinite(result.loss)) {
        control.steppedAstray(config.batchSize);
        return diverged(sayShared('lossBecame', { how: nanWord(nanOrInfinite(result.loss)) }));
      }
      control.stepped(config.batchSize, {
        loss: result.loss,
        energyData: result.energyData,
        energyNeg: result.energyNeg,
      });
      last = result;
      const step = control.step;
      if (singleSteps > 0 && --singleSteps === 0) {
        control.handle({ type: 'pause', runId });
        sendParticles(step);
        await sendLandscape(step);
      } else if (control.viewsDue() || step === config.steps) await sendLandscape(step);
      else if (performance.now() - lastParticles >= PARTICLES_MS) sendParticles(step);
    }
    // A step's loss is that of the weights before its update: the last update shows only here.
    if (!(await checkpoint())) return diverged(sayShared('weightsNotFinite'));
    await exportLandscape();
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const neg = Number.isFinite(last.energyNeg)
      ? sayEnergy('energyDoneNeg', { neg: last.energyNeg.toFixed(3) })
      : '';
    return control.finish(
      'completed',
      sayEnergy('energyDone', { steps: config.steps, seconds, data: last.energyData.toFixed(3), neg }),
    );
  }

  return { handle, run, dispose: () => model.dispose() };
}
