/**
 * The runs folder on first launch: Documents/EBM Lab/runs (or --runs-dir), created with its
 * parents. When it cannot be created (a read-only or missing Documents, a file in the way,
 * no permission) the app says so in one message naming the folder, the reason and the way
 * out, instead of failing on the first run. Free of the electron module (tested in Node).
 */
import { mkdirSync } from 'node:fs';

export type RunsFolder =
  | { readonly ok: true; readonly dir: string }
  | { readonly ok: false; readonly dir: string; readonly title: string; readonly message: string };

export function ensureRunsDir(dir: string, mkdir: typeof mkdirSync = mkdirSync): RunsFolder {
  try {
    mkdir(dir, { recursive: true });
    return { ok: true, dir };
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    const why = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      dir,
      title: 'EBM Lab cannot create its runs folder',
      message:
        `EBM Lab keeps every training run in ${dir}, and could not create that folder` +
        `${typeof code === 'string' ? ` (${code})` : ''}: ${why}\n\n` +
        'Start EBM Lab with --runs-dir <folder> to keep the runs somewhere else, or make that folder writable.',
    };
  }
}
