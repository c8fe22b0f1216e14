/**
 * Is the Electron runtime usable here? Read by `npm start` (bin/start.mjs) in plain Node,
 * never inside Electron. `require('electron')` must not be used for this: in plain Node it
 * starts a download when the binary is missing. Instead: the binary path that the electron
 * package records in path.txt (or ELECTRON_OVERRIDE_DIST_PATH), one download attempt with a
 * time limit when it is missing (Electron ≥ 42 fetches its binary on first run, not at
 * install), then `electron --version` (as Node) to prove that it starts, and on Linux a
 * display to open a window on.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export type ElectronRuntime =
  | { readonly ok: true; readonly path: string; readonly version: string }
  | {
      readonly ok: false;
      readonly reason: 'not-installed' | 'does-not-run' | 'no-display';
      /** What was found, for a second line of explanation. */
      readonly detail: string;
    };

export interface FindElectronOptions {
  /** node_modules/electron; default: resolved from here. */
  readonly packageDir?: string | null;
  readonly env?: NodeJS.ProcessEnv;
  readonly platform?: NodeJS.Platform;
  /** Try the electron package's own download once when the binary is missing (default true). */
  readonly download?: boolean;
  readonly downloadTimeoutMs?: number;
  readonly runTimeoutMs?: number;
}

export function electronPackageDir(): string | null {
  try {
    return dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return null;
  }
}

/** Where the electron package says its binary is (it may not exist), or null without path.txt. */
export function electronBinaryPath(packageDir: string, env: NodeJS.ProcessEnv = process.env): string | null {
  const pathFile = join(packageDir, 'path.txt');
  const recorded = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  if (env.ELECTRON_OVERRIDE_DIST_PATH) return join(env.ELECTRON_OVERRIDE_DIST_PATH, recorded || 'electron');
  return recorded ? join(packageDir, 'dist', recorded) : null;
}

function hasDisplay(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): boolean {
  if (platform !== 'linux' && platform !== 'freebsd' && platform !== 'openbsd') return true;
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

export function findElectronRuntime(options: FindElectronOptions = {}): ElectronRuntime {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const packageDir = options.packageDir === undefined ? electronPackageDir() : options.packageDir;
  if (!packageDir) {
    return { ok: false, reason: 'not-installed', detail: 'the electron package is not in node_modules' };
  }
  let binary = electronBinaryPath(packageDir, env);
  if ((!binary || !existsSync(binary)) && (options.download ?? true) && !env.ELECTRON_OVERRIDE_DIST_PATH) {
    spawnSync(process.execPath, [join(packageDir, 'install.js')], {
      stdio: 'ignore',
      timeout: options.downloadTimeoutMs ?? 120_000,
      env,
    });
    binary = electronBinaryPath(packageDir, env);
  }
  if (!binary || !existsSync(binary)) {
    return {
      ok: false,
      reason: 'not-installed',
      detail: `no Electron binary${binary ? ` at ${binary}` : ''}`,
    };
  }
  const probe = spawnSync(binary, ['--version'], {
    encoding: 'utf8',
    timeout: options.runTimeoutMs ?? 20_000,
    env: { ...env, ELECTRON_RUN_AS_NODE: '1' },
  });
  if (probe.status !== 0) {
    const why = probe.error?.message ?? (probe.stderr.trim().split('\n')[0] || `exit code ${probe.status}`);
    return { ok: false, reason: 'does-not-run', detail: `${binary} --version failed: ${why}` };
  }
  if (!hasDisplay(env, platform)) {
    return { ok: false, reason: 'no-display', detail: 'DISPLAY and WAYLAND_DISPLAY are not set' };
  }
  return { ok: true, path: binary, version: probe.stdout.trim() };
}

/** The one sentence `npm start` prints when it falls back to browser mode. */
export function fallbackSentence(runtime: Exclude<ElectronRuntime, { ok: true }>, url: string): string {
  const because = {
    'not-installed':
      'The Electron runtime is not installed on this machine (its download failed or was skipped)',
    'does-not-run': 'The Electron runtime is installed but does not start on this machine',
    'no-display': 'There is no display on this machine for a desktop window',
  }[runtime.reason];
  return `${because}, so EBM Lab opens in browser mode instead: open ${url}`;
}
