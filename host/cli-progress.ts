/**
 * The progress line of `ebm-lab train` on stderr:
 *   epoch 3/10 ▕██████░░░░░░▏ step 120/360 · loss 140.2 · 6,400 samples/s · ETA 0:05
 * redrawn in place on a terminal, printed as plain lines (at most every few seconds, and at
 * each epoch's end) when stderr is a file or a pipe.
 */
import type { StatusEvent } from '../protocol/messages.js';

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '–';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}

/** 140.2, 0.0123, 1.2e-5: enough digits whatever the scale of the loss. */
export const formatLoss = (loss: number): string =>
  Math.abs(loss) >= 10 ? loss.toFixed(1) : Math.abs(loss) >= 0.01 ? loss.toFixed(4) : loss.toExponential(2);

export function progressLine(
  status: StatusEvent,
  epochs: number,
  samplesPerStep: number,
  loss: number | null,
  width = 20,
  unit: string | null = 'epoch',
): string {
  const fraction = status.totalSteps > 0 ? Math.min(1, status.step / status.totalSteps) : 0;
  const filled = Math.round(fraction * width);
  const bar = `▕${'█'.repeat(filled)}${'░'.repeat(width - filled)}▏`;
  const epoch = Math.min(epochs, Math.floor(status.step / Math.max(1, status.stepsPerEpoch)) + 1);
  const rate = status.samplesPerSecond;
  const eta = rate > 0 ? ((status.totalSteps - status.step) * samplesPerStep) / rate : Number.NaN;
  const parts = [
    `${unit === null ? '' : `${unit} ${epoch}/${epochs} `}${bar} step ${status.step}/${status.totalSteps}`,
    loss === null ? null : `loss ${formatLoss(loss)}`,
    rate > 0 ? `${Math.round(rate).toLocaleString('en-US')} samples/s` : null,
    `ETA ${formatDuration(eta)}`,
  ];
  return parts.filter((p) => p !== null).join(' · ');
}

export interface ProgressPrinter {
  update(status: StatusEvent, loss: number | null): void;
  /** Prints a line of its own (clearing the bar first on a terminal). */
  line(text: string): void;
  end(): void;
}

export function createProgressPrinter(
  stream: NodeJS.WriteStream,
  epochs: number,
  samplesPerStep: number,
  plainEveryMs = 5000,
  unit: string | null = 'epoch',
): ProgressPrinter {
  const tty = stream.isTTY === true;
  let shown = false;
  let lastPlain = -Infinity;
  return {
    update(status, loss) {
      const text = progressLine(status, epochs, samplesPerStep, loss, 20, unit);
      if (tty) {
        stream.write(`\r\x1b[2K${text}`);
        shown = true;
      } else if (performance.now() - lastPlain >= plainEveryMs) {
        lastPlain = performance.now();
        stream.write(`${text}\n`);
      }
    },
    line(text) {
      if (shown) stream.write('\r\x1b[2K');
      shown = false;
      stream.write(`${text}\n`);
    },
    end() {
      if (shown) stream.write('\n');
      shown = false;
    },
  };
}
