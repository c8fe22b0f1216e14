import { saidAsIs, sayShared } from '../../protocol/texts.js';
import { useLanguage } from '../../renderer/lib/i18n/translate.js';
import { describe, expect, it } from 'vitest';
import { HostError, RequestTracker } from '../../renderer/lib/requests.js';

describe('request tracking', () => {
  it('resolves a request with the answer carrying its id', async () => {
    const t = new RequestTracker('t');
    const { requestId, answer } = t.open('run-created');
    expect(
      t.settle({ type: 'run-created', requestId: 'other', runId: 'x', lab: 'vae', config: {} as never }),
    ).toBe(false);
    expect(
      t.settle({ type: 'run-created', requestId, runId: 'run-7', lab: 'vae', config: {} as never }),
    ).toBe(true);
    await expect(answer).resolves.toMatchObject({ runId: 'run-7' });
    expect(t.size).toBe(0);
  });

  it('rejects with the host error, keeping the field at fault', async () => {
    const t = new RequestTracker('t');
    const { requestId, answer } = t.open('run-created');
    const refusal = sayShared('notLive', { name: 'beta' });
    useLanguage(() => 'it');
    try {
      t.settle({ type: 'error', runId: null, requestId, ...refusal, field: 'beta' });
    } finally {
      useLanguage(() => 'en');
    }
    const error = await answer.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HostError);
    expect((error as HostError).field).toBe('beta');
    // Worded in the window's language when it arrived, from its code.
    expect((error as HostError).message).toBe('beta non si può cambiare mentre l’esecuzione si addestra.');
  });

  it('ignores events without a request id and fails every open request on demand', async () => {
    const t = new RequestTracker('t');
    const { answer } = t.open('runs');
    expect(t.settle({ type: 'done', runId: 'r', reason: 'completed', ...saidAsIs('') })).toBe(false);
    t.failAll('link lost');
    await expect(answer).rejects.toThrow('link lost');
  });
});
