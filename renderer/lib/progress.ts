/**
 * What the progress bar says: fraction done, epoch and step, samples per second and an
 * estimate of the time left (remaining steps × batch size ÷ samples per second).
 */
import type { StatusEvent } from '../../protocol/messages.js';

export interface Progress {
  readonly fraction: number;
  readonly epochLabel: string;
  readonly stepLabel: string;
  readonly speedLabel: string;
  readonly etaLabel: string;
}

export function describeProgress(
  status: Pick<StatusEvent, 'step' | 'totalSteps' | 'epoch' | 'stepsPerEpoch' | 'samplesPerSecond' | 'state'>,
  batchSize: number,
  totalEpochs: number,
): Progress {
  const fraction = status.totalSteps > 0 ? Math.min(1, status.step / status.totalSteps) : 0;
  const epochShown = Math.min(totalEpochs, Math.floor(status.epoch) + (fraction < 1 ? 1 : 0));
  const remaining = Math.max(0, status.totalSteps - status.step) * batchSize;
  const live = status.state === 'running' && status.samplesPerSecond > 0;
  return {
    fraction,
    epochLabel: `epoch ${Math.max(epochShown, 0)} / ${totalEpochs}`,
    stepLabel: `step ${status.step.toLocaleString('en-US')} / ${status.totalSteps.toLocaleString('en-US')}`,
    speedLabel:
      status.samplesPerSecond > 0 ? `${formatCount(status.samplesPerSecond)} samples/s` : '— samples/s',
    etaLabel:
      fraction >= 1 ? 'finished' : live ? `${formatDuration(remaining / status.samplesPerSecond)} left` : '',
  };
}

export function formatCount(n: number): string {
  if (n >= 10000) return `${Math.round(n / 1000)}k`;
  if (n >= 1000) return `${(n / 1000).toFixed(1)}k`;
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
