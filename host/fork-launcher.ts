/**
 * Launches a trainer as a child_process.fork of trainer/entry (browser mode, the CLI and
 * tests; Electron uses utilityProcess on the same file). From source (this file is .ts) the
 * child runs trainer/entry.ts under tsx; compiled, it runs dist/trainer/entry.js. IPC uses
 * serialization 'advanced' (structured clone), so typed arrays cross as typed arrays.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { TrainerEndpoint, TrainerLauncher } from './types.js';

export interface ForkLauncherOptions {
  /** Extra environment for the trainer. */
  readonly env?: NodeJS.ProcessEnv;
  /** Where the trainer's stdout and stderr go (default: inherited). */
  readonly stdio?: 'inherit' | 'ignore';
}

/** The trainer entry next to this file's tree, and how to run it. */
export function trainerEntry(): { readonly file: string; readonly execArgv: readonly string[] } {
  const fromSource = import.meta.url.endsWith('.ts');
  const file = fileURLToPath(
    new URL(fromSource ? '../trainer/entry.ts' : '../trainer/entry.js', import.meta.url),
  );
  if (!fromSource) return { file, execArgv: [] };
  // tsx resolved from here, so the child finds it whatever its working directory.
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  return { file, execArgv: ['--import', tsx] };
}

export function endpointOf(child: ChildProcess): TrainerEndpoint {
  return {
    send(command) {
      if (child.connected) child.send(command);
    },
    onMessage(listener) {
      child.on('message', listener);
    },
    onExit(listener) {
      // 'close', not 'exit': it comes after the IPC channel has delivered its last message,
      // so a killed trainer's final metrics are counted before its death is reported.
      child.once('close', (code, signal) => listener({ code, signal }));
    },
    kill() {
      child.kill('SIGKILL');
    },
    get pid() {
      return child.pid;
    },
  };
}

export function createForkLauncher(options: ForkLauncherOptions = {}): TrainerLauncher {
  const { file, execArgv } = trainerEntry();
  return () => {
    const child = fork(file, [], {
      execArgv: [...execArgv],
      serialization: 'advanced',
      env: { ...process.env, ...options.env },
      stdio: ['ignore', options.stdio ?? 'inherit', options.stdio ?? 'inherit', 'ipc'],
    });
    // A send racing the child's exit must not crash the host.
    child.on('error', () => {});
    return endpointOf(child);
  };
}
