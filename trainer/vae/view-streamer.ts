/**
 * Sends the heavy views at a bounded rate: at most one refresh every `intervalMs`, and
 * further apart when computing them takes long (each refresh may cost ≤ 10 % of the time),
 * plus a refresh whenever `all` is called (start, epoch end, stop). The scatter keeps its
 * previous PCA axes so successive pictures keep their orientation.
 */
import type { TrainerEvent } from '../../protocol/messages.js';
import type { LatentProjection } from './latent-projection.js';
import {
  decoderEvent,
  manifoldEvent,
  manifoldExtent,
  reconstructionsEvent,
  samplesEvent,
  scatterEvent,
  type ViewContext,
} from './views.js';

export interface ViewStreamer {
  /** Refreshes every view now. */
  all(step: number, epoch: number): Promise<void>;
  /** Refreshes every view if the rate allows it at time `now` (ms). */
  maybe(step: number, epoch: number, now: number): Promise<void>;
  /** A decoder snapshot now (request-decoder). */
  decoderNow(step: number): void;
}

const SHARE = 0.1;

export function createViewStreamer(
  ctx: ViewContext,
  variant: 'vae' | 'ae',
  intervalMs: number,
  post: (event: TrainerEvent) => void,
): ViewStreamer {
  let projection: LatentProjection | null = null;
  let last = -Infinity;
  let cost = 0;

  async function all(step: number, epoch: number): Promise<void> {
    const t0 = performance.now();
    post(await reconstructionsEvent(ctx, step));
    post(await samplesEvent(ctx, step));
    const scatter = await scatterEvent(ctx, step, epoch, projection);
    projection = scatter.projection;
    post(scatter.event);
    post(decoderEvent(ctx, step));
    if (ctx.model.shape.latentDim === 2) {
      post(await manifoldEvent(ctx, step, manifoldExtent(variant, scatter.event.points)));
    }
    const t1 = performance.now();
    cost = t1 - t0;
    last = t1;
  }

  return {
    all,
    async maybe(step, epoch, now) {
      if (now - last >= Math.max(intervalMs, cost / SHARE)) await all(step, epoch);
    },
    decoderNow(step) {
      post(decoderEvent(ctx, step));
    },
  };
}
