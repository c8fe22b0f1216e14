/**
 * `npm start` (bin/start.mjs) on a machine without the Electron runtime: one sentence saying
 * so, with the browser-mode URL, a server behind it that honours the token, and a clean exit
 * on Ctrl-C. (Where a real Electron binary exists, ELECTRON_OVERRIDE_DIST_PATH hides it so
 * that the test never opens a window.)
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { electronBinaryPath, electronPackageDir } from '../../electron/runtime.js';
import { rawGet } from './server-helpers.js';

const root = join(import.meta.dirname, '../..');
const runsDir = mkdtempSync(join(tmpdir(), 'ebm-start-'));
afterAll(() => rmSync(runsDir, { recursive: true, force: true }));

function hideRealElectron(): NodeJS.ProcessEnv {
  const dir = electronPackageDir();
  const binary = dir ? electronBinaryPath(dir) : null;
  return binary && existsSync(binary) ? { ELECTRON_OVERRIDE_DIST_PATH: join(runsDir, 'no-electron') } : {};
}

describe('npm start without the Electron runtime', () => {
  it('prints the one-sentence fallback with a working URL, and stops on Ctrl-C', async () => {
    const child = spawn(
      process.execPath,
      ['bin/start.mjs', '--no-build', '--no-open', '--port', '0', '--runs-dir', runsDir],
      {
        cwd: root,
        env: { ...process.env, ...hideRealElectron(), CI: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      let stdout = '';
      const firstLine = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no URL printed; stdout: ${stdout}`)), 60_000);
        child.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString('utf8');
          if (stdout.includes('\n')) {
            clearTimeout(timer);
            resolve(stdout.split('\n')[0]!);
          }
        });
        child.on('exit', () => reject(new Error(`exited early; stdout: ${stdout}`)));
      });
      expect(firstLine).toMatch(
        /^The Electron runtime is not installed on this machine \(its download failed or was skipped\), so EBM Lab opens in browser mode instead: open http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{32}$/,
      );
      const url = new URL(firstLine.slice(firstLine.indexOf('http://')));
      const port = Number(url.port);
      const page = await rawGet(port, `${url.pathname}${url.search}`);
      expect([200, 503]).toContain(page.status); // 503 (with the build hint) when dist/renderer is missing
      expect((await rawGet(port, '/')).status).toBe(403);
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
  });
});
