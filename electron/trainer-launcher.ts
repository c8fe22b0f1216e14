/**
 * The app's TrainerLauncher: each run's trainer in its own Electron utility process, started
 * from the same entry file that browser mode forks (dist/trainer/entry.js, which talks over
 * process.parentPort there). A crash ends that process only.
 */
import { utilityProcess } from 'electron';
import type { TrainerLauncher } from '../host/types.js';
import { endpointOfUtility } from './utility-endpoint.js';

export function createUtilityLauncher(entry: string): TrainerLauncher {
  return () =>
    endpointOfUtility(utilityProcess.fork(entry, [], { serviceName: 'ebm-lab trainer', stdio: 'inherit' }));
}
