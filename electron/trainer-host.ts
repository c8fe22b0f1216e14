/** The app's LabHost: the shared host (host/lab-host.ts) with utility-process trainers. */
import { createLabHost, windowThreads } from '../host/lab-host.js';
import type { LabHost } from '../host/types.js';
import type { BackendName } from '../protocol/messages.js';
import { createUtilityLauncher } from './trainer-launcher.js';

export interface TrainerHostOptions {
  readonly runsDir: string;
  readonly trainerEntry: string;
  readonly version: string;
  readonly backend: BackendName | null;
  readonly threads: number | null;
}

export function setupTrainerHost(options: TrainerHostOptions): LabHost {
  return createLabHost({
    runsDir: options.runsDir,
    launcher: createUtilityLauncher(options.trainerEntry),
    version: options.version,
    ...(options.backend ? { backend: options.backend } : {}),
    threads: options.threads ?? windowThreads(),
  });
}
