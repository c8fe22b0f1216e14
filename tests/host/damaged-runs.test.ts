/**
 * Damaged run folders (issue 13, item 4) are listed as damaged with the file and the problem,
 * by the host and the CLI alike, never silently dropped, opened with a bare JSON error, or
 * replayed for a lab that does not exist; a metrics step of 1e400 is no step.
 */
import { appendFile, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLabHost } from '../../host/lab-host.js';
import { readMetricsLog } from '../../host/run-files.js';
import { CONFIG_FILE, METRICS_FILE } from '../../host/run-layout.js';
import { createRunStore } from '../../host/run-store.js';
import type { LabEvent } from '../../protocol/messages.js';
import { vaePresets } from '../../protocol/vae/config.js';

const spec = { lab: 'vae', config: vaePresets.tiny } as const;

async function damagedStore() {
  const runsDir = await mkdtemp(join(tmpdir(), 'ebm-damaged-'));
  const store = createRunStore(runsDir);
  const good = (await store.create(spec, null)).runId;
  const cut = (await store.create(spec, null)).runId;
  const text = await readFile(join(runsDir, cut, CONFIG_FILE), 'utf8');
  await writeFile(join(runsDir, cut, CONFIG_FILE), text.slice(0, 40));
  const nope = (await store.create(spec, null)).runId;
  await writeFile(join(runsDir, nope, CONFIG_FILE), JSON.stringify({ lab: 'nope', config: {} }));
  const spaced = 'my run copy';
  await mkdir(join(runsDir, spaced));
  await writeFile(join(runsDir, spaced, CONFIG_FILE), text);
  const lost = (await store.create(spec, null)).runId;
  await writeFile(join(runsDir, lost, CONFIG_FILE), '', { flag: 'w' });
  await mkdir(join(runsDir, 'not-a-run')); // no run files at all: not listed
  return { runsDir, store, good, cut, nope, spaced, lost };
}

describe('damaged run folders', () => {
  it('are listed as damaged with what is wrong; good runs are listed as runs', async () => {
    const { store, good, cut, nope, spaced, lost } = await damagedStore();
    const { runs, damaged } = await store.scan();
    expect(runs.map((r) => r.runId)).toEqual([good]);
    const problems = Object.fromEntries(damaged.map((d) => [d.runId, d.problem]));
    expect(problems).toEqual({
      [cut]: `config.json of run ${cut} is not valid JSON (it may be cut short)`,
      [lost]: `config.json of run ${lost} is not valid JSON (it may be cut short)`,
      [nope]: expect.stringMatching(
        new RegExp(`^config\\.json of run ${nope} names the lab "nope"; this version knows "vae", `),
      ),
      [spaced]: expect.stringMatching(/^the folder's name has characters a run's never has/),
    });
  });

  it('cannot be opened, with the reason (not "Unexpected end of JSON input", not a run of lab "nope")', async () => {
    const { runsDir, cut, nope } = await damagedStore();
    const host = createLabHost({
      runsDir,
      launcher: () => {
        throw new Error('no trainers here');
      },
      version: 'test',
    });
    const open = (runId: string) =>
      new Promise<LabEvent[]>((resolve) => {
        const got: LabEvent[] = [];
        host.dispatch({ type: 'open-run', requestId: 'o', runId }, (e) => {
          got.push(e);
          if (e.type === 'error' || e.type === 'done') resolve(got);
        });
      });
    expect(await open(cut)).toEqual([
      expect.objectContaining({
        type: 'error',
        message: `open-run failed: config.json of run ${cut} is not valid JSON (it may be cut short)`,
      }),
    ]);
    const events = await open(nope);
    expect(events.some((e) => e.type === 'run-opened')).toBe(false);
    expect(events.at(-1)).toMatchObject({
      type: 'error',
      message: expect.stringContaining('names the lab "nope"'),
    });
    const listed = await new Promise<LabEvent>((resolve) =>
      host.dispatch({ type: 'list-runs', requestId: 'l' }, resolve),
    );
    expect(listed.type === 'runs' && listed.damaged.length).toBe(4);
    await host.close();
  });

  it('skips a metrics line whose step is not finite (1e400)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ebm-metrics-'));
    const file = join(dir, METRICS_FILE);
    await writeFile(file, '{"split":"train","step":1,"epoch":0.1,"columns":{"total":5}}\n');
    await appendFile(file, '{"split":"train","step":1e400,"epoch":0.2,"columns":{"total":4}}\n');
    expect((await readMetricsLog(file)).map((p) => p.step)).toEqual([1]);
  });
});

describe('a runs folder that cannot be made', () => {
  it('says so in words, not errno text', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ebm-nofolder-'));
    await writeFile(join(dir, 'afile'), '');
    const store = createRunStore(join(dir, 'afile', 'runs'));
    await expect(store.create(spec, null)).rejects.toThrow(
      `Could not create the runs folder ${join(dir, 'afile', 'runs')}: a part of the path is a file, not a folder.`,
    );
  });
});
