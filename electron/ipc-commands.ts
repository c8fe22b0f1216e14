/**
 * The trust checks of Electron IPC, free of the electron module (tested in plain Node):
 * a message counts only when it comes from our window's main frame showing our own origin,
 * and its payload becomes a ClientCommand only through toCommand + checkClientCommand.
 */
import { rejectionOf } from '../host/command-rejection.js';
import { isRecord } from '../protocol/fields.js';
import { labChannels, toCommand, type LabCommandName } from '../protocol/lab-api.js';
import type { ClientCommand, ErrorEvent } from '../protocol/messages.js';
import { checkClientCommand, checkExportFile, type Checked } from '../protocol/validate.js';
import { isAppUrl } from './app-origin.js';

/** The parts of WebFrameMain these checks read. */
export interface FrameLike {
  readonly url: string;
  /** null for a top-level frame. */
  readonly parent: unknown;
}

/**
 * Only our window's web contents, from its top frame showing app://lab, may command the lab
 * (not an iframe, not a page it was navigated to).
 */
export function isTrustedSender(
  sender: { readonly contents: unknown; readonly frame: FrameLike | null },
  windowContents: unknown,
): boolean {
  const { contents, frame } = sender;
  return contents === windowContents && frame !== null && frame.parent === null && isAppUrl(frame.url);
}

export type IpcCommand =
  { readonly ok: true; readonly command: ClientCommand } | { readonly ok: false; readonly error: ErrorEvent };

/** The command a named call carries, validated; or the error event to send back. */
export function commandFromIpc(name: LabCommandName, args: unknown): IpcCommand {
  const raw = toCommand(name, isRecord(args) ? args : {});
  const checked = checkClientCommand(raw);
  return checked.ok
    ? { ok: true, command: checked.value }
    : { ok: false, error: rejectionOf(raw, checked.error) };
}

/** The file a save-file call carries: a bare export name and its bytes, validated. */
export function saveFileFromIpc(
  args: unknown,
): Checked<{ readonly name: string; readonly bytes: Uint8Array }> {
  return isRecord(args)
    ? checkExportFile(args.name, args.bytes)
    : { ok: false, error: 'save-file needs { name, bytes }' };
}

export const labCommandNames = Object.keys(labChannels) as LabCommandName[];
