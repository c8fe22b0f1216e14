/** How `npm start` decides whether the Electron runtime is usable (electron/runtime.ts). */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { electronBinaryPath, fallbackSentence, findElectronRuntime } from '../../electron/runtime.js';

const root = mkdtempSync(join(tmpdir(), 'ebm-electron-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A stand-in electron package: path.txt and, optionally, a "binary" (a shell script). */
function fakePackage(name: string, binary: string | null): string {
  const dir = join(root, name);
  mkdirSync(join(dir, 'dist'), { recursive: true });
  writeFileSync(join(dir, 'install.js'), 'process.exit(1);');
  if (binary !== null) {
    writeFileSync(join(dir, 'path.txt'), 'electron');
    writeFileSync(join(dir, 'dist', 'electron'), binary);
    chmodSync(join(dir, 'dist', 'electron'), 0o755);
  }
  return dir;
}

const works = '#!/bin/sh\necho v45.4.1\n';
const broken = '#!/bin/sh\necho "error while loading shared libraries: libnss3.so" >&2\nexit 127\n';

describe.runIf(process.platform !== 'win32')('findElectronRuntime', () => {
  it('reports a missing package as not installed', () => {
    expect(findElectronRuntime({ packageDir: null })).toMatchObject({ ok: false, reason: 'not-installed' });
  });

  it('reports a package whose download never happened (or failed) as not installed', () => {
    const dir = fakePackage('no-binary', null);
    expect(findElectronRuntime({ packageDir: dir, env: {} })).toMatchObject({
      ok: false,
      reason: 'not-installed',
    });
  });

  it('reports a binary that cannot start', () => {
    const dir = fakePackage('broken', broken);
    const runtime = findElectronRuntime({ packageDir: dir, env: { DISPLAY: ':0' }, platform: 'linux' });
    expect(runtime).toMatchObject({ ok: false, reason: 'does-not-run' });
    expect(!runtime.ok && runtime.detail).toContain('libnss3');
  });

  it('needs a display on Linux', () => {
    const dir = fakePackage('headless', works);
    expect(findElectronRuntime({ packageDir: dir, env: {}, platform: 'linux' })).toMatchObject({
      ok: false,
      reason: 'no-display',
    });
  });

  it('accepts a binary that starts, where a window can open', () => {
    const dir = fakePackage('good', works);
    expect(findElectronRuntime({ packageDir: dir, env: { DISPLAY: ':0' }, platform: 'linux' })).toEqual({
      ok: true,
      path: join(dir, 'dist', 'electron'),
      version: 'v45.4.1',
    });
    expect(findElectronRuntime({ packageDir: dir, env: {}, platform: 'darwin' }).ok).toBe(true);
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH', () => {
    const dir = fakePackage('override', works);
    expect(electronBinaryPath(dir, { ELECTRON_OVERRIDE_DIST_PATH: '/opt/electron' })).toBe(
      '/opt/electron/electron',
    );
  });
});

describe('fallbackSentence', () => {
  it('is one sentence that names the cause and the URL', () => {
    const sentence = fallbackSentence(
      { ok: false, reason: 'not-installed', detail: '' },
      'http://127.0.0.1:5173/?token=t',
    );
    expect(sentence).toBe(
      'The Electron runtime is not installed on this machine (its download failed or was skipped), so EBM Lab opens in browser mode instead: open http://127.0.0.1:5173/?token=t',
    );
  });
});
