/**
 * The answer to a command that failed validation at a trust boundary (the WebSocket bridge,
 * Electron IPC): an error event for the sender only, echoing its requestId when that is a
 * well-formed id and naming the config field at fault for a start command. Nothing else
 * happens: the command never reaches the host.
 */
import { isRecord } from '../protocol/fields.js';
import type { ErrorEvent } from '../protocol/messages.js';
import { parseStartSpec } from '../protocol/labs.js';
import { sayShared } from '../protocol/texts.js';

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

export function rejectionOf(raw: unknown, error: string): ErrorEvent {
  const requestId =
    isRecord(raw) && typeof raw.requestId === 'string' && ID.test(raw.requestId) ? raw.requestId : undefined;
  let field: string | undefined;
  if (isRecord(raw) && raw.type === 'start') {
    const parsed = parseStartSpec(raw.lab, raw.config);
    if (!parsed.ok) field = parsed.errors[0]?.field;
  }
  return {
    type: 'error',
    runId: null,
    ...sayShared('commandRefused', { error }),
    ...(field === undefined ? {} : { field }),
    ...(requestId === undefined ? {} : { requestId }),
  };
}
