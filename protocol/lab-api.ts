/**
 * What the renderer can ask of the lab, as named functions. Electron's preload exposes
 * exactly this as `window.lab` (one IPC channel per function, from `labChannels`); browser
 * mode implements the same interface over the WebSocket bridge. Every call becomes a
 * ClientCommand that the host validates (checkClientCommand) before acting on it.
 */
import type { ClientCommand, HostEvent, LabEvent } from './messages.js';

type Command<T extends ClientCommand['type']> = Extract<ClientCommand, { type: T }>;
type Args<T extends ClientCommand['type']> = Omit<Command<T>, 'type'>;

export interface LabApi {
  start(args: Args<'start'>): void;
  pause(args: Args<'pause'>): void;
  resume(args: Args<'resume'>): void;
  stop(args: Args<'stop'>): void;
  setParam(args: Args<'set-param'>): void;
  requestDecoder(args: Args<'request-decoder'>): void;
  listRuns(args: Args<'list-runs'>): void;
  openRun(args: Args<'open-run'>): void;
  deleteRun(args: Args<'delete-run'>): void;
  renameRun(args: Args<'rename-run'>): void;
  saveExport(args: Args<'save-export'>): void;
  /** Subscribes to every event for this window; returns the unsubscribe function. */
  onEvent(listener: (event: LabEvent) => void): () => void;
  /** The host's greeting (version, backend, runs folder). */
  hello(): Promise<Extract<HostEvent, { type: 'hello' }>>;
  /**
   * Desktop only: asks where to save a file with the native save dialog and writes it there;
   * resolves with the path, or null when the user cancels. Browser mode has none (the
   * browser downloads the file instead).
   */
  saveFile?(args: SaveFileArgs): Promise<string | null>;
}

export interface SaveFileArgs {
  /** A bare file name with its extension (.png, .svg, .csv, .json, .npy). */
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** Each command function, the command type it sends, and its Electron IPC channel. */
export const labChannels = {
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
} as const satisfies {
  readonly [K in Exclude<keyof LabApi, 'onEvent' | 'hello' | 'saveFile'>]: {
    type: ClientCommand['type'];
    channel: string;
  };
};

/** Channel of host → renderer events, and of the hello request. */
export const eventChannel = 'lab:event';
export const helloChannel = 'lab:hello';
/** Channel of the desktop save dialog (an invoke, answered with the path or null). */
export const saveFileChannel = 'lab:save-file';

export type LabCommandName = keyof typeof labChannels;

/** Turns a named call into the command the host validates. */
export function toCommand<K extends LabCommandName>(name: K, args: object): unknown {
  return { ...args, type: labChannels[name].type };
}
