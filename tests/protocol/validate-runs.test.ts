/** The runs list's commands at the trust boundary: delete-run and rename-run (issue 17). */
import { describe, expect, it } from 'vitest';
import { checkClientCommand, checkRunName } from '../../protocol/validate.js';

const runId = '2026-11-24T15-02-11-vae-d2-ab12';

describe('delete-run and rename-run', () => {
  it('accepts a delete of a run id, dropping anything else', () => {
    expect(checkClientCommand({ type: 'delete-run', requestId: 'r1', runId, path: '/' })).toEqual({
      ok: true,
      value: { type: 'delete-run', requestId: 'r1', runId },
    });
  });

  it('accepts a rename, with the name trimmed', () => {
    expect(
      checkClientCommand({ type: 'rename-run', requestId: 'r2', runId, name: '  β = 4 · blurry  ' }),
    ).toEqual({
      ok: true,
      value: { type: 'rename-run', requestId: 'r2', runId, name: 'β = 4 · blurry' },
    });
  });

  it.each([
    ['a delete without requestId', { type: 'delete-run', runId }, /requestId/],
    ['a delete of a path', { type: 'delete-run', requestId: 'r', runId: '../runs' }, /runId must be/],
    ['a delete of a nested path', { type: 'delete-run', requestId: 'r', runId: 'a/b' }, /runId must be/],
    ['a delete without a run id', { type: 'delete-run', requestId: 'r' }, /runId must be/],
    ['a rename of a path', { type: 'rename-run', requestId: 'r', runId: '..', name: 'x' }, /runId must be/],
    [
      'an empty name',
      { type: 'rename-run', requestId: 'r', runId, name: '' },
      /name must be 1–80 characters/,
    ],
    ['a blank name', { type: 'rename-run', requestId: 'r', runId, name: ' \t ' }, /name must be 1–80/],
    ['a name of 81 characters', { type: 'rename-run', requestId: 'r', runId, name: 'x'.repeat(81) }, /1–80/],
    ['a name with a line break', { type: 'rename-run', requestId: 'r', runId, name: 'a\nb' }, /control/],
    ['a name with an escape', { type: 'rename-run', requestId: 'r', runId, name: 'a\u001b[2Jb' }, /control/],
    ['a name that is not text', { type: 'rename-run', requestId: 'r', runId, name: 42 }, /1–80/],
  ])('rejects %s', (_name, command, error) => {
    const checked = checkClientCommand(command);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.error).toMatch(error);
  });

  it('counts characters, not UTF-16 units: 80 emoji are a name', () => {
    expect(checkRunName('🙂'.repeat(80))).toEqual({ ok: true, value: '🙂'.repeat(80) });
    expect(checkRunName('🙂'.repeat(81)).ok).toBe(false);
  });
});
