import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

/** What the integration tests share: the real `ebm-lab` CLI in a child process, and its run folders. */

const bin = fileURLToPath(new URL('../../bin/ebm-lab.mjs', import.meta.url));

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `bin/ebm-lab.mjs args` in a fresh Node process; resolves (never rejects) with its exit code and output. */
export function ebmLab(args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { timeout: 120_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** `ebm-lab train <lab> --runs-dir <runsDir> ...flags`. */
export function trainInto(runsDir: string, lab: string, ...flags: string[]): Promise<CliResult> {
  return ebmLab(['train', lab, '--runs-dir', runsDir, ...flags]);
}

export interface TrainResult extends CliResult {
  runsDir: string;
  /** The one run the command wrote ('' when it wrote none) and its folder. */
  runId: string;
  dir: string;
}

/** `ebm-lab train <lab> ...flags` into a fresh, empty runs folder. */
export async function train(lab: string, ...flags: string[]): Promise<TrainResult> {
  const runsDir = await tempRunsDir(`ebm-cli-${lab}-`);
  const result = await trainInto(runsDir, lab, ...flags);
  return { ...result, runsDir, ...(await onlyRun(runsDir)) };
}

/** A fresh, empty runs folder under the system's temp folder. */
export function tempRunsDir(prefix: string): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

/** The one run a `train` wrote into `runsDir`: its id and its folder. */
export async function onlyRun(runsDir: string): Promise<{ runId: string; dir: string }> {
  const [runId = ''] = await readdir(runsDir);
  return { runId, dir: join(runsDir, runId) };
}

export async function readJson(path: string): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
}

/** What every finished run folder holds, whatever its lab. */
export const RUN_FOLDER = ['config.json', 'metrics.jsonl', 'status.json', 'checkpoint.json', 'views'];

/** Asserts that `dir` holds (at least) every one of `names`. */
export async function expectFiles(dir: string, names: string[]): Promise<void> {
  expect(await readdir(dir)).toEqual(expect.arrayContaining(names));
}

/** One test per row: `ebm-lab train <lab> ...flags` exits with code 2 and says `message`. */
export function itRefuses(lab: string, title: string, rows: [flags: string[], message: string][]): void {
  it.each(rows)(title, async (flags, message) => {
    const { code, stderr } = await ebmLab(['train', lab, ...flags]);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });
}
