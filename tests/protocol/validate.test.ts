import { describe, expect, it } from 'vitest';
import { checkClientCommand, checkTrainerCommand, checkTrainerEvent } from '../../protocol/validate.js';
import { vaePresets } from '../../protocol/vae/config.js';

const tiny = vaePresets.tiny;

describe('checkClientCommand', () => {
  const accepted: ReadonlyArray<readonly [string, Record<string, unknown>]> = [
    ['start', { type: 'start', requestId: 'r1', lab: 'vae', config: tiny }],
    ['pause', { type: 'pause', runId: 'run-1' }],
    ['resume', { type: 'resume', runId: 'run-1' }],
    ['stop', { type: 'stop', runId: 'run-1' }],
    ['set-param', { type: 'set-param', runId: 'run-1', name: 'beta', value: 2 }],
    ['request-decoder', { type: 'request-decoder', runId: 'run-1' }],
    ['list-runs', { type: 'list-runs', requestId: 'r2' }],
    ['open-run', { type: 'open-run', requestId: 'r3', runId: '2026-11-24T15-02-11-vae' }],
    [
      'save-export',
      {
        type: 'save-export',
        requestId: 'r4',
        runId: 'run-1',
        name: 'loss-curves.png',
        bytes: new Uint8Array(3),
      },
    ],
  ];

  it.each(accepted)('accepts a well-formed %s', (_name, command) => {
    const checked = checkClientCommand(command);
    expect(checked).toMatchObject({ ok: true, value: { type: command.type } });
  });

  const rejected: ReadonlyArray<readonly [string, unknown, RegExp]> = [
    ['a string', 'start', /must be an object/],
    ['null', null, /must be an object/],
    ['an unknown type', { type: 'format-disk', runId: 'a' }, /unknown command type "format-disk"/],
    ['a start without requestId', { type: 'start', lab: 'vae', config: tiny }, /requestId/],
    [
      'a start for an unknown lab',
      { type: 'start', requestId: 'r', lab: 'gan', config: tiny },
      /lab must be one of "vae"/,
    ],
    [
      'a start with a negative β',
      { type: 'start', requestId: 'r', lab: 'vae', config: { ...tiny, beta: -1 } },
      /\(beta\) must be/,
    ],
    ['a run id with a slash', { type: 'pause', runId: '../etc' }, /runId must be/],
    ['a run id that is a number', { type: 'stop', runId: 7 }, /runId must be/],
    ['a set-param with text', { type: 'set-param', runId: 'a', name: 'beta', value: 'big' }, /finite number/],
    [
      'a set-param with Infinity',
      { type: 'set-param', runId: 'a', name: 'beta', value: Infinity },
      /finite number/,
    ],
    [
      'a set-param with a bad name',
      { type: 'set-param', runId: 'a', name: '__proto__', value: 1 },
      /parameter name/,
    ],
    [
      'an export escaping its folder',
      { type: 'save-export', requestId: 'r', runId: 'a', name: '../x.png', bytes: new Uint8Array(1) },
      /bare file name/,
    ],
    [
      'an export with a path',
      { type: 'save-export', requestId: 'r', runId: 'a', name: 'sub/x.png', bytes: new Uint8Array(1) },
      /bare file name/,
    ],
    [
      'an export of an executable',
      { type: 'save-export', requestId: 'r', runId: 'a', name: 'x.sh', bytes: new Uint8Array(1) },
      /bare file name/,
    ],
    [
      'an export whose bytes are a plain array',
      { type: 'save-export', requestId: 'r', runId: 'a', name: 'x.png', bytes: [1, 2] },
      /Uint8Array/,
    ],
  ];

  it.each(rejected)('rejects %s', (_name, command, error) => {
    const checked = checkClientCommand(command);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.error).toMatch(error);
  });

  it('drops fields that are not part of the command', () => {
    const checked = checkClientCommand({ type: 'pause', runId: 'a', evil: true });
    expect(checked).toEqual({ ok: true, value: { type: 'pause', runId: 'a' } });
  });
});

describe('checkTrainerCommand', () => {
  it('accepts a start with a run folder and an explicit backend', () => {
    const checked = checkTrainerCommand({
      type: 'start',
      runId: 'a',
      runDir: '/tmp/a',
      backend: 'wasm',
      lab: 'vae',
      config: tiny,
    });
    expect(checked).toMatchObject({ ok: true, value: { backend: 'wasm', runDir: '/tmp/a' } });
  });

  it.each([
    [
      'an unknown backend',
      { type: 'start', runId: 'a', runDir: '/tmp/a', backend: 'tpu', lab: 'vae', config: tiny },
      /backend must be one of/,
    ],
    ['a start without a run folder', { type: 'start', runId: 'a', lab: 'vae', config: tiny }, /runDir/],
    ['a renderer-only command', { type: 'list-runs', requestId: 'r' }, /unknown command type/],
  ] as const)('rejects %s', (_name, command, error) => {
    const checked = checkTrainerCommand(command);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.error).toMatch(error);
  });
});

describe('checkTrainerEvent', () => {
  it('accepts an event of its own run', () => {
    expect(checkTrainerEvent({ type: 'done', runId: 'a', reason: 'completed', message: '' }, 'a').ok).toBe(
      true,
    );
  });
  it('accepts an error not tied to a run', () => {
    expect(checkTrainerEvent({ type: 'error', runId: null, message: 'bad command' }, 'a').ok).toBe(true);
  });
  it('rejects an event of another run', () => {
    expect(checkTrainerEvent({ type: 'done', runId: 'b', reason: 'completed', message: '' }, 'a').ok).toBe(
      false,
    );
  });
  it('rejects an unknown event type', () => {
    expect(checkTrainerEvent({ type: 'exec', runId: 'a' }, 'a').ok).toBe(false);
  });
});
