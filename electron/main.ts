/**
 * The desktop app's main process, a composition root only: the runs folder (runs-dir.ts), the
 * app:// protocol, the trainer host (one utility process per run), the window, IPC and the
 * menu. No training, no tensors and no file formats live here. tests/electron/main.test.ts
 * runs it against a stand-in electron module.
 */
import './before-ready.js';
import { join, resolve } from 'node:path';
import { app, dialog } from 'electron';
import { setupAppProtocol } from './app-protocol.js';
import { GPU_ENV } from '../protocol/engines.js';
import { parseAppArgs } from './args.js';
import { setupIpc } from './ipc.js';
import { setupMenu } from './menu.js';
import { appPaths } from './paths.js';
import { ensureRunsDir } from './runs-dir.js';
import { setupTrainerHost } from './trainer-host.js';
import { setupWindow } from './window.js';

const args = parseAppArgs(process.argv.slice(1));
for (const warning of args.warnings) process.stderr.write(`ebm-lab: ${warning}\n`);
// Trainers (utility processes) inherit the main process's environment.
if (args.noGpu) process.env[GPU_ENV] = 'off';

if (!app.requestSingleInstanceLock()) app.quit();
else {
  await app.whenReady();
  const runs = ensureRunsDir(
    args.runsDir ? resolve(args.runsDir) : join(app.getPath('documents'), 'EBM Lab', 'runs'),
  );
  if (runs.ok) startLab(runs.dir);
  else {
    dialog.showErrorBox(runs.title, runs.message);
    app.exit(1);
  }
}

function startLab(runsDir: string): void {
  setupAppProtocol(appPaths.renderer);
  const host = setupTrainerHost({
    runsDir,
    trainerEntry: appPaths.trainerEntry,
    version: app.getVersion(),
    backend: args.backend,
    threads: args.threads,
  });
  // The menu replaces Electron's default one (which has reload and DevTools) before any window.
  setupMenu({ runsDir, packaged: app.isPackaged });
  const window = setupWindow({ preload: appPaths.preload, icon: appPaths.icon, packaged: app.isPackaged });
  const stopIpc = setupIpc(host, window);

  app.on('second-instance', () => {
    if (window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('window-all-closed', () => app.quit());

  // Stop every trainer (they keep their checkpoints) before leaving.
  let closing = false;
  app.on('before-quit', (event) => {
    if (closing) return;
    closing = true;
    event.preventDefault();
    stopIpc();
    void host.close().finally(() => app.quit());
  });
}
