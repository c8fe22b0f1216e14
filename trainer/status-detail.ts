/**
 * What trainer/run-control.ts's status events do not know, added to each status a lab posts:
 * a phase while the run takes no steps ("measuring the baselines…") and, for a sweep of models,
 * which model trains now (protocol/messages.ts StatusEvent.phase and .sweep). A finished run's
 * status carries no phase.
 */
import type { StatusEvent, TrainerEvent } from '../protocol/messages.js';

export type StatusDetail = Pick<StatusEvent, 'phase' | 'sweep'>;

const ended = new Set<StatusEvent['state']>(['done', 'stopped', 'failed']);

/** `post`, with `detail()` merged into every status event. */
export function withStatusDetail(
  post: (event: TrainerEvent) => void,
  detail: () => StatusDetail,
): (event: TrainerEvent) => void {
  return (event) => {
    if (event.type !== 'status') return post(event);
    const { phase, sweep } = detail();
    post({
      ...event,
      ...(phase !== undefined && !ended.has(event.state) ? { phase } : {}),
      ...(sweep ? { sweep } : {}),
    });
  };
}
