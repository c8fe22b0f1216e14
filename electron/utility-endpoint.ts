/**
 * A trainer running in an Electron utility process, seen as the host's TrainerEndpoint.
 * Free of the electron module: it adapts anything shaped like a UtilityProcess (tested with
 * a stand-in). Messages are structured clones, so typed arrays cross as typed arrays.
 */
import type { TrainerEndpoint } from '../host/types.js';
import type { TrainerCommand } from '../protocol/messages.js';

/** The parts of Electron's UtilityProcess the endpoint uses. */
export interface UtilityProcessLike {
  readonly pid: number | undefined;
  postMessage(message: unknown): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  kill(): boolean;
}

export function endpointOfUtility(child: UtilityProcessLike): TrainerEndpoint {
  let exited = false;
  child.on('exit', () => {
    exited = true;
  });
  return {
    send(command: TrainerCommand) {
      if (!exited) child.postMessage(command);
    },
    onMessage(listener) {
      child.on('message', listener);
    },
    onExit(listener) {
      // A utility process reports its exit code only; a crash or kill shows as non-zero.
      child.on('exit', (code) => listener({ code, signal: null }));
    },
    kill() {
      if (!exited) child.kill();
    },
    get pid() {
      return child.pid;
    },
  };
}
