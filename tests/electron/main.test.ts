/**
 * The main process's wiring (electron/main.ts), run against a stand-in electron module that
 * records what the composition root does and in which order: the app:// scheme registered
 * before ready, the protocol handled before the window loads, the menu before the window, an
 * IPC handler on every channel the preload sends on (a missing handler or a misspelt channel
 * fails here), a start from the window reaching a utility-process trainer, before-quit
 * stopping the trainers before the app quits, and a runs folder that cannot be created
 * answered with a message instead of a window.
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { appIndexUrl } from '../../electron/app-origin.js';
import { appPaths } from '../../electron/paths.js';
import { helloChannel, labChannels, saveFileChannel, type LabApi } from '../../protocol/lab-api.js';
import { vaePresets } from '../../protocol/vae/config.js';
import { runPreload } from './preload-harness.js';

const fake = await vi.hoisted(async () => {
  // vi.hoisted runs before the imports: the stand-ins' emitter comes in here.
  const { Emitter } = await import('./stand-in-emitter.js');
  type Listener = import('./stand-in-emitter.js').Listener;
  const log: string[] = [];

  const session = {
    setPermissionRequestHandler: () => {},
    setPermissionCheckHandler: () => {},
    setDevicePermissionHandler: () => {},
  };

  class WebContents extends Emitter {
    readonly session = session;
    readonly sent: [string, unknown][] = [];
    setWindowOpenHandler(): void {}
    send(channel: string, payload: unknown): void {
      this.sent.push([channel, payload]);
    }
  }

  class BrowserWindow extends Emitter {
    static readonly created: BrowserWindow[] = [];
    readonly webContents = new WebContents();
    constructor(readonly options: Record<string, unknown>) {
      super();
      log.push('window');
      BrowserWindow.created.push(this);
    }
    loadURL(url: string): Promise<void> {
      log.push(`load ${url}`);
      return Promise.resolve();
    }
    isDestroyed = () => false;
    isMinimized = () => false;
    show(): void {}
    restore(): void {}
    focus(): void {}
  }

  class ChildStandIn extends Emitter {
    readonly pid = 4242;
    readonly posted: { type: string }[] = [];
    killed = false;
    constructor(readonly entry: string) {
      super();
    }
    postMessage(message: { type: string }): void {
      this.posted.push(message);
      // A trainer asked to stop keeps its checkpoint and exits.
      if (message.type === 'stop') setTimeout(() => this.emit('exit', 0), 5);
    }
    kill(): boolean {
      this.killed = true;
      setTimeout(() => this.emit('exit', 1), 5);
      return true;
    }
  }
  const children: ChildStandIn[] = [];

  const appEvents = new Emitter();
  const state = { documents: '', lock: true };
  const app = {
    isPackaged: true,
    requestSingleInstanceLock: () => state.lock,
    whenReady: () => Promise.resolve().then(() => void log.push('ready')),
    getPath: (name: string) => (name === 'documents' ? state.documents : `/nowhere/${name}`),
    getVersion: () => '0.1.0',
    enableSandbox: () => void log.push('enableSandbox'),
    on: (event: string, listener: Listener) => appEvents.on(event, listener),
    quit: vi.fn(() => void log.push('quit')),
    exit: vi.fn((code: number) => void log.push(`exit ${code}`)),
  };
  const protocol = {
    registerSchemesAsPrivileged: (schemes: { scheme: string }[]) =>
      void log.push(`registerSchemes ${schemes.map((s) => s.scheme).join()}`),
    handle: (scheme: string) => void log.push(`handle ${scheme}`),
  };
  const ipcMain = {
    on: new Map<string, Listener>(),
    handle: new Map<string, Listener>(),
  };
  const ipcMainApi = {
    on: (channel: string, listener: Listener) => void ipcMain.on.set(channel, listener),
    handle: (channel: string, listener: Listener) => void ipcMain.handle.set(channel, listener),
    removeAllListeners: (channel: string) => void ipcMain.on.delete(channel),
    removeHandler: (channel: string) => void ipcMain.handle.delete(channel),
  };
  const dialog = {
    showErrorBox: vi.fn((title: string, message: string) => void log.push(`error box ${title}: ${message}`)),
    showSaveDialog: vi.fn(() => Promise.resolve({ canceled: true })),
  };
  const Menu = {
    buildFromTemplate: (template: unknown) => ({ template }),
    setApplicationMenu: () => void log.push('menu'),
  };
  const utilityProcess = {
    fork: (entry: string) => {
      const child = new ChildStandIn(entry);
      children.push(child);
      return child;
    },
  };
  return {
    log,
    state,
    app,
    appEvents,
    protocol,
    ipcMain,
    ipcMainApi,
    dialog,
    Menu,
    BrowserWindow,
    utilityProcess,
    children,
  };
});

vi.mock('electron', () => ({
  app: fake.app,
  protocol: fake.protocol,
  ipcMain: fake.ipcMainApi,
  dialog: fake.dialog,
  Menu: fake.Menu,
  shell: { openPath: () => Promise.resolve('') },
  BrowserWindow: fake.BrowserWindow,
  utilityProcess: fake.utilityProcess,
}));

const dir = mkdtempSync(join(tmpdir(), 'ebm-main-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const argv = process.argv;

/** Runs main.ts afresh (its top-level await included) with these command-line flags. */
async function startMain(...flags: string[]): Promise<void> {
  vi.resetModules();
  process.argv = [argv[0]!, '.', ...flags];
  try {
    await import('../../electron/main.js');
  } finally {
    process.argv = argv;
  }
}

beforeEach(() => {
  fake.log.length = 0;
  fake.children.length = 0;
  fake.BrowserWindow.created.length = 0;
  fake.ipcMain.on.clear();
  fake.ipcMain.handle.clear();
  fake.appEvents.listeners.clear();
  fake.state.documents = mkdtempSync(join(dir, 'documents-'));
  vi.clearAllMocks();
});

/** An IPC event as Electron hands it to a main-process listener, from our window's top frame. */
function fromWindow() {
  const window = fake.BrowserWindow.created[0];
  if (!window) throw new Error('no window');
  return { sender: window.webContents, senderFrame: { url: appIndexUrl, parent: null } };
}

describe('main.ts', () => {
  it('registers app:// as privileged before ready, and serves it before the window loads', async () => {
    await startMain();
    const at = (entry: string) => fake.log.findIndex((line) => line.startsWith(entry));
    expect(at('registerSchemes app')).toBeGreaterThanOrEqual(0);
    expect(at('registerSchemes app')).toBeLessThan(at('ready'));
    expect(at('enableSandbox')).toBeLessThan(at('ready'));
    expect(at('ready')).toBeLessThan(at('handle app'));
    expect(at('handle app')).toBeLessThan(at(`load ${appIndexUrl}`));
    // The default menu (reload, DevTools) never shows: ours is set before any window.
    expect(at('menu')).toBeLessThan(at('window'));
  });

  it('creates the runs folder in Documents/EBM Lab/runs and opens one window with the icon', async () => {
    await startMain();
    expect(statSync(join(fake.state.documents, 'EBM Lab', 'runs')).isDirectory()).toBe(true);
    expect(fake.BrowserWindow.created).toHaveLength(1);
    expect(fake.BrowserWindow.created[0]!.options).toMatchObject({ icon: appPaths.icon });
    expect(fake.dialog.showErrorBox).not.toHaveBeenCalled();
  });

  it('handles every channel the preload sends or invokes on, and no other', async () => {
    await startMain();
    const { exposed, sent, invoked } = runPreload();
    const api = exposed[0]![1] as Record<string, (args?: object) => unknown> & LabApi;
    for (const name of Object.keys(labChannels)) api[name]!({ runId: 'r1' });
    void api.hello();
    void (api as Required<LabApi>).saveFile({ name: 'atoms.png', bytes: new Uint8Array(1) });
    const sentChannels = sent.map(([channel]) => channel).sort();
    expect([...fake.ipcMain.on.keys()].sort()).toEqual(sentChannels);
    expect([...fake.ipcMain.handle.keys()].sort()).toEqual([...invoked].sort());
    expect(invoked.sort()).toEqual([helloChannel, saveFileChannel].sort());
  });

  it('answers hello from the window only', async () => {
    await startMain();
    const hello = fake.ipcMain.handle.get(helloChannel)!;
    expect(hello(fromWindow())).toMatchObject({ type: 'hello', version: '0.1.0' });
    expect(() =>
      hello({ ...fromWindow(), senderFrame: { url: 'https://evil.example/', parent: null } }),
    ).toThrow();
  });

  it('starts a run in a utility process from the trainer entry, and stops it before quitting', async () => {
    await startMain('--runs-dir', join(fake.state.documents, 'runs'));
    fake.ipcMain.on.get(labChannels.start.channel)!(fromWindow(), {
      requestId: 'q1',
      lab: 'vae',
      config: vaePresets.tiny,
    });
    await vi.waitFor(() => expect(fake.children).toHaveLength(1));
    const child = fake.children[0]!;
    expect(child.entry).toBe(appPaths.trainerEntry);
    await vi.waitFor(() => expect(child.posted.map((m) => m.type)).toContain('start'));

    const quitting = { preventDefault: vi.fn() };
    fake.appEvents.emit('before-quit', quitting);
    expect(quitting.preventDefault).toHaveBeenCalled();
    expect(fake.app.quit).not.toHaveBeenCalled(); // not before the trainer has stopped
    expect(child.posted.map((m) => m.type)).toContain('stop');
    expect(fake.ipcMain.on.size).toBe(0); // the window can start nothing more
    await vi.waitFor(() => expect(fake.app.quit).toHaveBeenCalledTimes(1));
    expect(child.killed).toBe(false);

    // app.quit() emits before-quit again: this time it goes through.
    const again = { preventDefault: vi.fn() };
    fake.appEvents.emit('before-quit', again);
    expect(again.preventDefault).not.toHaveBeenCalled();
  });

  it('says why and exits, with no window, when the runs folder cannot be created', async () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, '');
    await startMain('--runs-dir', join(file, 'runs'));
    expect(fake.BrowserWindow.created).toHaveLength(0);
    expect(fake.dialog.showErrorBox).toHaveBeenCalledTimes(1);
    const [title, message] = fake.dialog.showErrorBox.mock.calls[0]!;
    expect(title).toBe('EBM Lab cannot create its runs folder');
    expect(message).toContain(join(file, 'runs'));
    expect(message).toContain('--runs-dir');
    expect(fake.app.exit).toHaveBeenCalledWith(1);
  });

  it('leaves at once when another instance holds the lock', async () => {
    fake.state.lock = false;
    try {
      await startMain();
    } finally {
      fake.state.lock = true;
    }
    expect(fake.app.quit).toHaveBeenCalled();
    expect(fake.BrowserWindow.created).toHaveLength(0);
  });
});
