/**
 * The command line in-process (main, stdout and stderr captured): `ebm-lab train <lab> --help`
 * (and -h) prints that lab's options and the options every train command takes, exit code 0,
 * nothing trained; `ebm-lab runs` shows a run's name.
 */
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../host/cli.js';
import { cliLabs } from '../../host/cli-labs.js';
import { createRunStore } from '../../host/run-store.js';
import { vaePresets } from '../../protocol/vae/config.js';

async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  const code = await main(argv);
  vi.restoreAllMocks();
  return { code, stdout, stderr };
}

afterEach(() => vi.restoreAllMocks());

describe('ebm-lab train <lab> --help', () => {
  it.each(Object.keys(cliLabs))('prints the options of %s and exits 0', async (name) => {
    for (const flag of ['--help', '-h']) {
      const { code, stdout, stderr } = await run(['train', name, flag]);
      expect(stderr).toBe('');
      expect(code).toBe(0);
      expect(stdout).toContain(`ebm-lab train ${name} [options]`);
      expect(stdout).toContain('every train command also takes:');
      // Only this lab's entry: no other lab's first line.
      for (const other of Object.keys(cliLabs).filter((n) => n !== name))
        expect(stdout).not.toContain(`ebm-lab train ${other} [options]`);
    }
  });

  it('answers --help after other flags too, and trains nothing', async () => {
    const runsDir = await mkdtemp(join(tmpdir(), 'ebm-cli-help-'));
    const { code, stdout } = await run(['train', 'conv', '--runs-dir', runsDir, '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('--sweep N');
    expect(await readdir(runsDir)).toEqual([]);
  });

  it('prints the whole help for `train --help` without a lab', async () => {
    const { code, stdout } = await run(['train', '--help']);
    expect(code).toBe(0);
    for (const name of Object.keys(cliLabs)) expect(stdout).toContain(`ebm-lab train ${name} [options]`);
  });

  it('still refuses an unknown option with exit code 2', async () => {
    const { code, stderr } = await run(['train', 'vae', '--bogus', '1']);
    expect(code).toBe(2);
    expect(stderr).toContain('Unknown option --bogus');
  });
});

describe('ebm-lab runs', () => {
  it("shows a renamed run's name beside its label", async () => {
    const runsDir = await mkdtemp(join(tmpdir(), 'ebm-cli-runs-'));
    const store = createRunStore(runsDir);
    const { runId } = await store.create({ lab: 'vae', config: vaePresets.tiny }, null);
    await store.rename(runId, 'first try');
    const { code, stdout } = await run(['runs', '--runs-dir', runsDir]);
    expect(code).toBe(0);
    expect(stdout).toMatch(new RegExp(`^${runId} .* first try \\(VAE · d = 2\\)$`, 'm'));
  });
});
