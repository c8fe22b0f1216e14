/**
 * The one way EBM Lab writes a whole file: under a temporary name beside it, then renamed
 * over it, so a crash or a full disk leaves the old file whole. When a write fails, the
 * temporary files are removed and the error is thrown as it came.
 *
 * It lives in trainer/ because both processes write run files (the trainer its checkpoints and
 * exports, the host its config, status and views) and the host already imports trainer code
 * (trainer/data/read-file.ts, trainer/backend-probe.ts), never the other way round; protocol/
 * is no place for it, as the renderer imports protocol/ and has no file system.
 */
import { rename, rm, writeFile } from 'node:fs/promises';

export type FileData = string | Uint8Array;

/** Temporary names being written by this process now. */
const inFlight = new Set<string>();

/**
 * A temporary name beside `file` that no other write of this process uses now:
 * `<file>.tmp-<pid>`, or `<file>.tmp-<pid>-2` … while an earlier write of the same file is
 * under way (the host may write a run's status twice at once).
 */
function temporaryName(file: string): string {
  const base = `${file}.tmp-${process.pid}`;
  let name = base;
  for (let n = 2; inFlight.has(name); n++) name = `${base}-${n}`;
  inFlight.add(name);
  return name;
}

/**
 * Writes every file under a temporary name, then renames them all: a set of files that only
 * make sense together (a checkpoint's index and values) is replaced only when each is whole.
 */
export async function writeFilesAtomic(files: readonly (readonly [string, FileData])[]): Promise<void> {
  const temporary = files.map(([file]) => temporaryName(file));
  try {
    for (const [i, [, data]] of files.entries()) await writeFile(temporary[i]!, data);
    for (const [i, [file]] of files.entries()) await rename(temporary[i]!, file);
  } catch (error) {
    await Promise.all(temporary.map((tmp) => rm(tmp, { force: true }).catch(() => {})));
    throw error;
  } finally {
    for (const tmp of temporary) inFlight.delete(tmp);
  }
}

/** Writes one whole file atomically. */
export const writeFileAtomic = (file: string, data: FileData): Promise<void> =>
  writeFilesAtomic([[file, data]]);
