/**
 * Every kind of write of the run writer reports a full disk once, naming the file (issue 13,
 * item 2): status.json and a view here, through an injected ENOSPC on the temporary file's write
 * (metrics.jsonl has its own test with /dev/full in write-failures.test.ts).
 */
import { mkdir, mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

const failing = { pattern: /$^/ };
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...real,
    writeFile: (async (file: Parameters<typeof real.writeFile>[0], ...rest: unknown[]) => {
      if (typeof file === 'string' && failing.pattern.test(file))
        throw Object.assign(new Error(`ENOSPC: no space left on device, open '${file}'`), { code: 'ENOSPC' });
      return (real.writeFile as (...a: unknown[]) => Promise<void>)(file, ...rest);
    }) as typeof real.writeFile,
  };
});

const { createRunWriter } = await import('../../host/run-writer.js');
const { vaePresets } = await import('../../protocol/vae/config.js');

async function writerFailingOn(pattern: RegExp) {
  const dir = await mkdtemp(join(tmpdir(), 'ebm-enospc-'));
  await mkdir(join(dir, 'views')); // as the store makes it
  const failures: string[] = [];
  failing.pattern = pattern;
  const writer = createRunWriter(
    dir,
    { lab: 'vae', config: vaePresets.tiny, createdAt: '', backend: null },
    10,
    (f) => failures.push(f.sentence),
  );
  return { dir, writer, failures };
}

describe('the run writer on a full disk', () => {
  it.each([
    [/status\.json\.tmp-/, 'Could not write status.json: the disk is full.'],
    [/images-samples\.bin\.tmp-/, 'Could not write views/images-samples.bin: the disk is full.'],
  ])(
    'reports a failed write of %s once, in words, and leaves no temporary file',
    async (pattern, sentence) => {
      const { dir, writer, failures } = await writerFailingOn(pattern);
      const runId = 'run-1';
      const status = {
        type: 'status',
        runId,
        state: 'running',
        backend: null,
        epoch: 0,
        step: 1,
        stepsPerEpoch: 1,
        totalSteps: 2,
        samplesPerSecond: 1,
      } as const;
      writer.record(status);
      writer.record({
        type: 'images',
        runId,
        view: 'samples',
        step: 1,
        width: 2,
        height: 2,
        count: 1,
        columns: 1,
        pixels: new Uint8Array(4),
      });
      await writer.flush();
      writer.record({ ...status, step: 2 });
      await writer.flush();
      expect(failures).toEqual([sentence]);
      const names = [...(await readdir(dir)), ...(await readdir(join(dir, 'views')).catch(() => []))];
      expect(names.filter((n) => n.includes('.tmp-'))).toEqual([]);
    },
  );
});
