/**
 * The trainer process entry: the same file for child_process.fork (browser mode, the CLI,
 * tests; IPC with serialization 'advanced' so typed arrays pass) and for Electron's
 * utilityProcess (process.parentPort). It runs one trainer and exits after its done event.
 */
import { createTrainer, type TrainerPort } from './trainer-core.js';

interface ElectronParentPort {
  on(event: 'message', listener: (event: { readonly data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

const parentPort = (process as { parentPort?: ElectronParentPort }).parentPort;

function forkPort(): TrainerPort & { flushThenExit(code: number): void } {
  const send = process.send?.bind(process);
  if (!send) {
    process.stderr.write('trainer/entry.ts must be started by child_process.fork or utilityProcess.\n');
    process.exit(2);
  }
  // Ctrl-C in a terminal reaches the whole process group; the host decides how to stop us.
  process.on('SIGINT', () => {});
  // The host is gone: nobody can see this run any more.
  process.on('disconnect', () => process.exit(0));
  // Count the messages still queued, so that the done event leaves before we exit.
  let pending = 0;
  let onDrained: (() => void) | null = null;
  const sent = (): void => {
    pending--;
    if (pending === 0) onDrained?.();
  };
  return {
    post: (event) => {
      pending++;
      send(event, undefined, {}, sent);
    },
    onMessage: (listener) => process.on('message', listener),
    flushThenExit: (code) => {
      onDrained = () => process.exit(code);
      if (pending === 0) onDrained();
    },
  };
}

function electronPort(port: ElectronParentPort): TrainerPort & { flushThenExit(code: number): void } {
  return {
    post: (event) => port.postMessage(event),
    onMessage: (listener) => port.on('message', (e) => listener(e.data)),
    // postMessage is asynchronous; give the queue a moment before leaving.
    flushThenExit: (code) => void setTimeout(() => process.exit(code), 200),
  };
}

const port = parentPort ? electronPort(parentPort) : forkPort();
const trainer = createTrainer(port);
void trainer.finished.then((done) => port.flushThenExit(done.reason === 'failed' ? 1 : 0));
