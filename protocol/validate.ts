/**
 * Runtime validation at the trust boundaries: renderer → host (ClientCommand) and
 * host → trainer (TrainerCommand), plus a shape check of trainer events arriving at the host.
 * Each check returns the typed message or a sentence saying what is wrong.
 */
import { isRecord } from './fields.js';
import {
  backendNames,
  MAX_THREADS,
  type BackendName,
  type ClientCommand,
  type RunCommand,
  type StartSpec,
  type TrainerCommand,
  type TrainerEvent,
} from './messages.js';
import { parseStartSpec } from './labs.js';

export type Checked<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
/** Bare export file names: no folders, no dot files, a known extension. */
const EXPORT_NAME = /^[A-Za-z0-9][A-Za-z0-9 ._()-]{0,120}\.(png|svg|csv|json|npy)$/;

const fail = <T>(error: string): Checked<T> => ({ ok: false, error });
const pass = <T>(value: T): Checked<T> => ({ ok: true, value });

/** Whether `name` can be a run id (and so a run folder's name): letters, digits, '.', '_', '-'. */
export const isRunId = (name: string): boolean => ID.test(name);

function checkId(value: unknown, key: string): string | null {
  if (typeof value !== 'string' || !ID.test(value)) {
    return `${key} must be 1–128 letters, digits, '.', '_' or '-'; got ${JSON.stringify(value)}`;
  }
  return null;
}

const runCommandTypes = new Set(['pause', 'resume', 'stop', 'set-param', 'request-decoder']);

function checkRunCommand(msg: Readonly<Record<string, unknown>>): Checked<RunCommand> {
  if (!runCommandTypes.has(msg.type as string))
    return fail(`unknown command type ${JSON.stringify(msg.type)}`);
  const idError = checkId(msg.runId, 'runId');
  if (idError) return fail(`${String(msg.type)}: ${idError}`);
  const runId = msg.runId as string;
  switch (msg.type) {
    case 'pause':
    case 'resume':
    case 'stop':
    case 'request-decoder':
      return pass({ type: msg.type, runId });
    case 'set-param': {
      if (typeof msg.name !== 'string' || !/^[A-Za-z][A-Za-z0-9]{0,63}$/.test(msg.name)) {
        return fail(`set-param: name must be a parameter name; got ${JSON.stringify(msg.name)}`);
      }
      if (typeof msg.value !== 'number' || !Number.isFinite(msg.value)) {
        return fail(
          `set-param: value of ${msg.name} must be a finite number; got ${JSON.stringify(msg.value)}`,
        );
      }
      return pass({ type: 'set-param', runId, name: msg.name, value: msg.value });
    }
    default:
      return fail(`unknown command type ${JSON.stringify(msg.type)}`);
  }
}

function checkStartSpec(msg: Readonly<Record<string, unknown>>): Checked<StartSpec> {
  const spec = parseStartSpec(msg.lab, msg.config);
  return spec.ok ? pass(spec.value) : fail(spec.errors.map((e) => e.message).join(' '));
}

/** The longest name a run may be given, in characters. */
export const MAX_RUN_NAME = 80;

/** A run's name: trimmed, 1–80 characters, no control characters (nor line breaks). */
export function checkRunName(name: unknown): Checked<string> {
  const trimmed = typeof name === 'string' ? name.trim() : '';
  const length = [...trimmed].length;
  if (length < 1 || length > MAX_RUN_NAME || /[\p{Cc}\p{Zl}\p{Zp}]/u.test(trimmed)) {
    return fail(
      `name must be 1–${MAX_RUN_NAME} characters without control characters; got ${JSON.stringify(name)}`,
    );
  }
  return pass(trimmed);
}

/** An export file: a bare name with a known extension, and at most 64 MiB of bytes. */
export function checkExportFile(
  name: unknown,
  bytes: unknown,
): Checked<{ readonly name: string; readonly bytes: Uint8Array }> {
  if (typeof name !== 'string' || !EXPORT_NAME.test(name) || name.includes('..')) {
    return fail(
      `name must be a bare file name ending in .png, .svg, .csv, .json or .npy; got ${JSON.stringify(name)}`,
    );
  }
  if (!(bytes instanceof Uint8Array)) return fail('bytes must be a Uint8Array');
  if (bytes.byteLength > 64 * 1024 * 1024) return fail('bytes must be at most 64 MiB');
  return pass({ name, bytes });
}

export function checkClientCommand(input: unknown): Checked<ClientCommand> {
  if (!isRecord(input) || typeof input.type !== 'string')
    return fail('a command must be an object with a string type');
  const needsRequest = ['start', 'list-runs', 'open-run', 'delete-run', 'rename-run', 'save-export'].includes(
    input.type,
  );
  if (needsRequest) {
    const requestError = checkId(input.requestId, 'requestId');
    if (requestError) return fail(`${input.type}: ${requestError}`);
  }
  const requestId = input.requestId as string;
  switch (input.type) {
    case 'start': {
      const spec = checkStartSpec(input);
      return spec.ok ? pass({ type: 'start', requestId, ...spec.value }) : spec;
    }
    case 'list-runs':
      return pass({ type: 'list-runs', requestId });
    case 'open-run': {
      const idError = checkId(input.runId, 'runId');
      return idError
        ? fail(`open-run: ${idError}`)
        : pass({ type: 'open-run', requestId, runId: input.runId as string });
    }
    case 'delete-run': {
      const idError = checkId(input.runId, 'runId');
      return idError
        ? fail(`delete-run: ${idError}`)
        : pass({ type: 'delete-run', requestId, runId: input.runId as string });
    }
    case 'rename-run': {
      const idError = checkId(input.runId, 'runId');
      if (idError) return fail(`rename-run: ${idError}`);
      const name = checkRunName(input.name);
      if (!name.ok) return fail(`rename-run: ${name.error}`);
      return pass({ type: 'rename-run', requestId, runId: input.runId as string, name: name.value });
    }
    case 'save-export': {
      const idError = checkId(input.runId, 'runId');
      if (idError) return fail(`save-export: ${idError}`);
      const file = checkExportFile(input.name, input.bytes);
      if (!file.ok) return fail(`save-export: ${file.error}`);
      return pass({ type: 'save-export', requestId, runId: input.runId as string, ...file.value });
    }
    default:
      return checkRunCommand(input);
  }
}

export function checkTrainerCommand(input: unknown): Checked<TrainerCommand> {
  if (!isRecord(input) || typeof input.type !== 'string')
    return fail('a command must be an object with a string type');
  if (input.type !== 'start') return checkRunCommand(input);
  const idError = checkId(input.runId, 'runId');
  if (idError) return fail(`start: ${idError}`);
  if (typeof input.runDir !== 'string' || input.runDir.length === 0)
    return fail('start: runDir must be a path');
  const backend = input.backend;
  if (backend !== undefined && !backendNames.includes(backend as BackendName)) {
    return fail(`start: backend must be one of ${backendNames.join(', ')}; got ${JSON.stringify(backend)}`);
  }
  const threads = input.threads;
  if (
    threads !== undefined &&
    !(Number.isInteger(threads) && (threads as number) >= 1 && (threads as number) <= MAX_THREADS)
  ) {
    return fail(
      `start: threads must be a whole number from 1 to ${MAX_THREADS}; got ${JSON.stringify(threads)}`,
    );
  }
  const spec = checkStartSpec(input);
  if (!spec.ok) return spec;
  return pass({
    type: 'start',
    runId: input.runId as string,
    runDir: input.runDir,
    ...(backend === undefined ? {} : { backend: backend as BackendName }),
    ...(threads === undefined ? {} : { threads: threads as number }),
    ...spec.value,
  });
}

const eventTypes = new Set<TrainerEvent['type']>([
  'status',
  'metrics',
  'images',
  'scatter',
  'decoder',
  'dataset',
  'arrays',
  'checkpoint',
  'error',
  'done',
]);

/**
 * Checks that a message from a trainer is an event of the run it was started for.
 * (The trainer is our own code, so this is a shape check, not a full validation.)
 */
export function checkTrainerEvent(input: unknown, runId: string): Checked<TrainerEvent> {
  if (!isRecord(input) || typeof input.type !== 'string')
    return fail('an event must be an object with a string type');
  if (!eventTypes.has(input.type as TrainerEvent['type']))
    return fail(`unknown event type ${JSON.stringify(input.type)}`);
  if (input.runId !== runId && !(input.type === 'error' && input.runId === null)) {
    return fail(`event for run ${JSON.stringify(input.runId)} from the trainer of run ${runId}`);
  }
  return pass(input as unknown as TrainerEvent);
}
