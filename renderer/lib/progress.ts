/**
 * What the progress bar says: fraction done, epoch (or the model of a sweep) and step, samples
 * per second, an estimate of the time left (remaining steps × batch size ÷ samples per second)
 * and, while the run takes no steps, what it does instead.
 *
 * The estimate is honest or absent: it says "estimating…" until the run (or, in a sweep, the
 * model on show: each one warms up again and runs at its own speed) has taken
 * `stepsBeforeEstimate` steps, because the first steps carry start-up costs (compiling the
 * step, the first views) that would inflate it many times. In a sweep the later models are
 * larger and slower, so the time left for the whole sweep is given as a lower bound.
 */
import type { StatusEvent } from '../../protocol/messages.js';
import { decimal, formatNumber, t } from './i18n/translate.js';
import { word } from './i18n/said.js';

export interface Progress {
  readonly fraction: number;
  /** "epoch 3 / 10", or "model 3 of 7 (n = 4)" in a sweep; empty before the trainer counts and for a single epoch. */
  readonly epochLabel: string;
  readonly stepLabel: string;
  readonly speedLabel: string;
  /** "2 min 05 s left", "estimating…", "finished", or empty when paused or stopped. */
  readonly etaLabel: string;
  /** What the run does while it takes no steps ("measuring the baselines…"); empty while it trains. */
  readonly phaseLabel: string;
}

type ProgressStatus = Pick<
  StatusEvent,
  'step' | 'totalSteps' | 'epoch' | 'stepsPerEpoch' | 'samplesPerSecond' | 'state' | 'phase' | 'sweep'
>;

/** Steps a run (or one model of a sweep) of `total` steps takes before its time left is estimated. */
export function stepsBeforeEstimate(total: number): number {
  return Math.max(20, Math.min(500, Math.ceil(0.1 * total)));
}

export function describeProgress(status: ProgressStatus, batchSize: number, totalEpochs: number): Progress {
  const fraction = status.totalSteps > 0 ? Math.min(1, status.step / status.totalSteps) : 0;
  const counting = status.totalSteps > 0;
  const active = status.state === 'running' || status.state === 'starting';
  const phaseLabel = active
    ? status.phase
      ? word(status.phase)
      : status.state === 'starting'
        ? t('progress.starting')
        : ''
    : '';
  return {
    fraction,
    epochLabel: counting ? positionLabel(status, fraction, totalEpochs) : '',
    stepLabel: counting
      ? t('progress.step', { step: formatNumber(status.step), total: formatNumber(status.totalSteps) })
      : '',
    speedLabel:
      status.samplesPerSecond > 0
        ? t('progress.speed', { speed: formatCount(status.samplesPerSecond) })
        : t('progress.noSpeed'),
    etaLabel: fraction >= 1 ? t('progress.finished') : phaseLabel ? '' : timeLeft(status, batchSize),
    phaseLabel,
  };
}

function positionLabel(status: ProgressStatus, fraction: number, totalEpochs: number): string {
  const { sweep } = status;
  if (sweep)
    return sweep.label
      ? t('progress.modelLabel', { model: sweep.model, models: sweep.models, label: sweep.label })
      : t('progress.model', { model: sweep.model, models: sweep.models });
  if (totalEpochs <= 1) return ''; // a lab counted in steps only (energy, one conv model): "epoch 1 / 1" says nothing
  const epochShown = Math.min(totalEpochs, Math.floor(status.epoch) + (fraction < 1 ? 1 : 0));
  return t('progress.epoch', { epoch: Math.max(epochShown, 0), epochs: totalEpochs });
}

function timeLeft(status: ProgressStatus, batchSize: number): string {
  if (status.state !== 'running') return '';
  const { sweep } = status;
  const done = sweep ? sweep.modelStep : status.step;
  const total = sweep ? sweep.modelSteps : status.totalSteps;
  if (done < stepsBeforeEstimate(total) || !(status.samplesPerSecond > 0)) return t('progress.estimating');
  const seconds = (steps: number): string =>
    formatDuration((Math.max(0, steps) * batchSize) / status.samplesPerSecond);
  if (!sweep || sweep.model >= sweep.models)
    return t('progress.left', { time: seconds(status.totalSteps - status.step) });
  return t('progress.leftSweep', {
    model: seconds(sweep.modelSteps - sweep.modelStep),
    sweep: seconds(status.totalSteps - status.step),
  });
}

export function formatCount(n: number): string {
  if (n >= 10000) return `${Math.round(n / 1000)}k`;
  if (n >= 1000) return `${decimal((n / 1000).toFixed(1))}k`;
  return String(Math.round(n));
}

/** 42 s, 3 min 05 s, 1 h 02 min. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '—';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}
