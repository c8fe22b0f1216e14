/**
 * The preload of the lab window: exposes `window.lab`, a LabApi of named functions (one IPC
 * channel each, from labChannels) plus onEvent and hello — never a generic send, never the
 * IPC event object, never Node. Sandboxed preloads run as CommonJS and may require only
 * 'electron' (and a few Node built-ins), not our own modules, so this file is self-contained
 * (.cts → dist/electron/preload.cjs) and its copy of the channel map is checked against
 * protocol/lab-api.ts by the compiler: any difference fails the typecheck.
 */
// A sandboxed preload is a CommonJS script: `import … from` would not run there.
// eslint-disable-next-line @typescript-eslint/no-require-imports
import electron = require('electron');
import type {
  eventChannel as EventChannel,
  helloChannel as HelloChannel,
  LabApi,
  labChannels as LabChannels,
  saveFileChannel as SaveFileChannel,
  SaveFileArgs,
} from '../protocol/lab-api.js';
import type { HostEvent, LabEvent } from '../protocol/messages.js';

type Hello = Extract<HostEvent, { type: 'hello' }>;

const channels: typeof LabChannels = {
  start: { type: 'start', channel: 'lab:start' },
  pause: { type: 'pause', channel: 'lab:pause' },
  resume: { type: 'resume', channel: 'lab:resume' },
  stop: { type: 'stop', channel: 'lab:stop' },
  setParam: { type: 'set-param', channel: 'lab:set-param' },
  requestDecoder: { type: 'request-decoder', channel: 'lab:request-decoder' },
  listRuns: { type: 'list-runs', channel: 'lab:list-runs' },
  openRun: { type: 'open-run', channel: 'lab:open-run' },
  deleteRun: { type: 'delete-run', channel: 'lab:delete-run' },
  renameRun: { type: 'rename-run', channel: 'lab:rename-run' },
  saveExport: { type: 'save-export', channel: 'lab:save-export' },
};
const events: typeof EventChannel = 'lab:event';
const hello: typeof HelloChannel = 'lab:hello';
const saveFile: typeof SaveFileChannel = 'lab:save-file';

function createPreloadApi(ipc: electron.IpcRenderer): LabApi {
  const send =
    <K extends keyof typeof channels>(name: K) =>
    (args: Parameters<LabApi[K]>[0]): void =>
      ipc.send(channels[name].channel, args);
  return {
    start: send('start'),
    pause: send('pause'),
    resume: send('resume'),
    stop: send('stop'),
    setParam: send('setParam'),
    requestDecoder: send('requestDecoder'),
    listRuns: send('listRuns'),
    openRun: send('openRun'),
    deleteRun: send('deleteRun'),
    renameRun: send('renameRun'),
    saveExport: send('saveExport'),
    onEvent(listener: (event: LabEvent) => void): () => void {
      const handler = (_event: electron.IpcRendererEvent, payload: LabEvent): void => listener(payload);
      ipc.on(events, handler);
      return () => void ipc.removeListener(events, handler);
    },
    hello: () => ipc.invoke(hello) as Promise<Hello>,
    saveFile: (args: SaveFileArgs) => ipc.invoke(saveFile, args) as Promise<string | null>,
  };
}

electron.contextBridge.exposeInMainWorld('lab', createPreloadApi(electron.ipcRenderer));
