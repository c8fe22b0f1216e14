/**
 * Runs on disk: one folder per run under `runsDir`,
 *   config.json    { lab, config, createdAt, backend }
 *   name.json      { name } once the user renamed the run
 *   metrics.jsonl  append-only, one point per line: { split, step, epoch, columns }
 *   views/<kind>.bin  the latest heavy event of each kind (protocol/codec.ts encodeMessage)
 *   status.json    { state, lastStep, lastTestLoss, doneReason, doneMessage, … }
 *   checkpoint.json / checkpoint.bin  written by the trainer
 *   exports/       files the user saved
 * Whole files are written to a temporary name and renamed; a torn last line of the log is
 * skipped on reading. Paths that come from a client are resolved and checked to stay inside
 * their run folder before anything is written.
 */
import { randomBytes } from 'node:crypto';
import { lstat, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { describeRun, isLabName, labNames, labs, runSlug } from '../protocol/labs.js';
import { lastHeadline } from '../protocol/metrics.js';
import { isRecord } from '../protocol/fields.js';
import type { BackendInfo, DamagedRun, RunState, RunSummary, StartSpec } from '../protocol/messages.js';
import { checkRunName, isRunId } from '../protocol/validate.js';
import { describeFsError } from '../trainer/data/read-file.js';
import { SaidError, sayShared } from '../protocol/texts.js';
import { readMetricsLog } from './run-files.js';
import {
  CONFIG_FILE,
  EXPORTS_DIR,
  initialStatus,
  METRICS_FILE,
  NAME_FILE,
  STATUS_FILE,
  VIEWS_DIR,
  writeFileAtomic,
  type StoredConfig,
  type StoredStatus,
} from './run-layout.js';

/** `2026-11-24T15-02-11-vae-d2-ab12`: sortable by time, says what it is, unique. */
export function makeRunId(spec: StartSpec, at: Date): string {
  const stamp = at.toISOString().slice(0, 19).replaceAll(':', '-');
  return `${stamp}-${runSlug(spec)}-${randomBytes(2).toString('hex')}`;
}

export interface RunStore {
  readonly runsDir: string;
  /** The folder of a run; throws if `runId` would resolve outside runsDir. */
  runDir(runId: string): string;
  /** Creates a run folder with its config.json (`stored`) and an initial status.json. */
  create(
    spec: StartSpec,
    backend: BackendInfo | null,
    at?: Date,
  ): Promise<{ runId: string; dir: string; stored: StoredConfig }>;
  /** The run's config.json, checked (lab and config as a start would be); throws what is wrong. */
  readConfig(runId: string): Promise<StoredConfig>;
  readStatus(runId: string): Promise<StoredStatus | null>;
  list(): Promise<RunSummary[]>;
  /** The runs, newest first, and the folders that look like runs but cannot be read as one. */
  scan(): Promise<{ runs: RunSummary[]; damaged: DamagedRun[] }>;
  /** Writes `bytes` as exports/<name>; returns the path relative to the run folder. */
  saveExport(runId: string, name: string, bytes: Uint8Array): Promise<string>;
  /**
   * Deletes the folder of run `runId`, and nothing else: a valid run id naming a folder (not a
   * link) directly inside runsDir that holds a run's files. Throws what is wrong otherwise.
   * Whether the run still trains is the host's to check.
   */
  remove(runId: string): Promise<void>;
  /** Gives the run a name of its own (checkRunName), kept in its name.json. */
  rename(runId: string, name: string): Promise<void>;
}

const terminalStates = new Set<RunState>(['done', 'stopped', 'failed']);

/** Whether process `pid` exists on this machine (signal 0 only checks). */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM'; // exists, owned by someone else
  }
}

/**
 * A stored run's state as it really is: a run folder that says 'starting', 'running' or
 * 'paused' while no host records it any more (killed, crashed, the machine rebooted) was
 * interrupted, and is shown as failed. One reading for the host and the CLI alike.
 */
export function settledState(status: StoredStatus | null, recordedHere: boolean): RunState {
  if (!status) return 'failed';
  if (terminalStates.has(status.state) || recordedHere) return status.state;
  const pid = status.hostPid;
  const elsewhere = pid !== undefined && pid !== process.pid && processAlive(pid);
  return elsewhere ? status.state : 'failed';
}

/**
 * A run's config.json text, checked: valid JSON naming a lab this version knows, with a config
 * object (kept as it is: runs of earlier versions still open). Throws a sentence naming the file
 * and what is wrong.
 */
export function checkStoredConfig(runId: string, text: string): StoredConfig {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`${CONFIG_FILE} of run ${runId} is not valid JSON (it may be cut short)`);
  }
  const record = (isRecord(parsed) ? parsed : {}) as Record<string, unknown>;
  if (!isLabName(record.lab)) {
    const names = labNames.map((n) => `"${n}"`).join(', ');
    throw new Error(
      `${CONFIG_FILE} of run ${runId} names the lab ${JSON.stringify(record.lab)}; this version knows ${names}`,
    );
  }
  if (!isRecord(record.config)) throw new Error(`${CONFIG_FILE} of run ${runId} has no config object`);
  return parsed as StoredConfig;
}

/** A new run's folder: views/, config.json, an empty metrics.jsonl and the first status.json. */
async function createFolder(dir: string, stored: StoredConfig): Promise<void> {
  await mkdir(join(dir, VIEWS_DIR), { recursive: true });
  await writeFileAtomic(join(dir, CONFIG_FILE), `${JSON.stringify(stored, null, 2)}\n`);
  await writeFile(join(dir, METRICS_FILE), '');
  await writeFileAtomic(join(dir, STATUS_FILE), `${JSON.stringify(initialStatus(), null, 2)}\n`);
}

const has = async (dir: string, file: string): Promise<boolean> =>
  (await stat(join(dir, file)).catch(() => null)) !== null;

/** Whether a folder holds a run's files (a damaged run's too). */
const runLike = async (dir: string): Promise<boolean> =>
  (await has(dir, CONFIG_FILE)) || (await has(dir, STATUS_FILE)) || (await has(dir, METRICS_FILE));

/** `child` resolved against `parent`, or an Error if it would leave `parent`. */
export function insideOf(parent: string, child: string): string {
  const full = resolve(parent, child);
  const rel = relative(parent, full);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) {
    throw new Error(`${JSON.stringify(child)} does not name a file inside ${parent}.`);
  }
  return full;
}

export function createRunStore(runsDir: string): RunStore {
  const root = resolve(runsDir);
  const runDir = (runId: string): string => insideOf(root, runId);

  async function readConfig(runId: string): Promise<StoredConfig> {
    let text: string;
    try {
      text = await readFile(join(runDir(runId), CONFIG_FILE), 'utf8');
    } catch {
      throw new SaidError(sayShared('noSuchRun', { runId, root }));
    }
    return checkStoredConfig(runId, text);
  }

  async function readStatus(runId: string): Promise<StoredStatus | null> {
    try {
      return JSON.parse(await readFile(join(runDir(runId), STATUS_FILE), 'utf8')) as StoredStatus;
    } catch {
      return null;
    }
  }

  /** The name the user gave the run, if any (a name.json that cannot be read counts as none). */
  async function readName(runId: string): Promise<string | undefined> {
    try {
      const stored = JSON.parse(await readFile(join(runDir(runId), NAME_FILE), 'utf8')) as unknown;
      const name = checkRunName(isRecord(stored) ? stored.name : undefined);
      return name.ok ? name.value : undefined;
    } catch {
      return undefined;
    }
  }

  /** A run's summary, what is wrong with its folder, or null when the folder is not a run's. */
  async function summary(runId: string): Promise<RunSummary | DamagedRun | null> {
    const dir = join(root, runId);
    if (!(await has(dir, CONFIG_FILE))) {
      return (await runLike(dir)) ? { runId, problem: `${CONFIG_FILE} is missing` } : null;
    }
    if (!isRunId(runId)) {
      return {
        runId,
        problem:
          "the folder's name has characters a run's never has (only letters, digits, '.', '_' and '-'); rename it to open it",
      };
    }
    let stored: StoredConfig;
    try {
      stored = await readConfig(runId);
    } catch (error) {
      return { runId, problem: error instanceof Error ? error.message : String(error) };
    }
    try {
      const status = await readStatus(runId);
      let lastTestLoss = status?.lastTestLoss ?? null;
      let lastStep = status?.lastStep ?? 0;
      if (!status) {
        const points = await readMetricsLog(join(runDir(runId), METRICS_FILE));
        lastStep = points.reduce((m, p) => Math.max(m, p.step), 0);
        const test = points.filter((p) => p.split === 'test').at(-1);
        lastTestLoss = test ? (lastHeadline(labs[stored.lab].metrics, test.columns) ?? null) : null;
      }
      const name = await readName(runId);
      return {
        runId,
        ...(name === undefined ? {} : { name }),
        lab: stored.lab,
        config: stored.config,
        label: describeRun({ lab: stored.lab, config: stored.config } as StartSpec),
        createdAt: stored.createdAt,
        state: settledState(status, false),
        lastStep,
        lastTestLoss,
      };
    } catch (error) {
      return { runId, problem: error instanceof Error ? error.message : String(error) };
    }
  }

  async function scan(): Promise<{ runs: RunSummary[]; damaged: DamagedRun[] }> {
    let names: string[];
    try {
      names = (await readdir(root, { withFileTypes: true }))
        .filter((e) => e.isDirectory())
        .map((e) => e.name);
    } catch {
      return { runs: [], damaged: [] };
    }
    const found = await Promise.all(names.sort().reverse().map(summary));
    const runs: RunSummary[] = [];
    const damaged: DamagedRun[] = [];
    for (const entry of found) {
      if (entry === null) continue;
      if ('problem' in entry) damaged.push(entry);
      else runs.push(entry);
    }
    return { runs, damaged };
  }

  return {
    runsDir: root,
    runDir,
    async create(spec, backend, at = new Date()) {
      try {
        await mkdir(root, { recursive: true });
      } catch (error) {
        throw new Error(`Could not create the runs folder ${root}: ${describeFsError(error)}.`);
      }
      const runId = makeRunId(spec, at);
      const dir = runDir(runId);
      const stored: StoredConfig = {
        lab: spec.lab,
        config: spec.config,
        createdAt: at.toISOString(),
        backend,
      };
      try {
        await createFolder(dir, stored);
      } catch (error) {
        throw new Error(`Could not create the run folder ${dir}: ${describeFsError(error)}.`);
      }
      return { runId, dir, stored };
    },
    readConfig,
    readStatus,
    list: async () => (await scan()).runs,
    scan,
    async saveExport(runId, name, bytes) {
      const dir = runDir(runId);
      await readConfig(runId); // the run must exist
      const exportsDir = join(dir, EXPORTS_DIR);
      const file = insideOf(exportsDir, name);
      await mkdir(exportsDir, { recursive: true });
      await writeFileAtomic(file, bytes);
      return relative(dir, file);
    },
    async remove(runId) {
      if (!isRunId(runId)) throw new Error(`${JSON.stringify(runId)} is not a run id; nothing was deleted.`);
      const dir = runDir(runId);
      const folder = await lstat(dir).catch(() => null);
      if (!folder?.isDirectory()) throw new SaidError(sayShared('noRunToDelete', { runId, root }));
      if (!(await runLike(dir))) throw new SaidError(sayShared('notARunFolder', { dir }));
      await rm(dir, { recursive: true });
    },
    async rename(runId, name) {
      const checked = checkRunName(name);
      if (!checked.ok) throw new Error(checked.error);
      await readConfig(runId); // the run must exist
      const file = join(runDir(runId), NAME_FILE);
      await writeFileAtomic(file, `${JSON.stringify({ name: checked.value }, null, 2)}\n`);
    },
  };
}
