/**
 * The window's and the menu's guards (electron/window.ts, electron/menu.ts), run against
 * stand-ins for the electron module: a BrowserWindow whose web contents and session record
 * the handlers the glue installs, a shell that records what would open outside the app, and
 * a Menu that keeps the template it was built from. The handlers are then called the way
 * Electron calls them.
 */
import type { MenuItemConstructorOptions } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { appIndexUrl } from '../../electron/app-origin.js';
import { menuTemplate, setupMenu } from '../../electron/menu.js';
import { setupWindow } from '../../electron/window.js';

const fake = await vi.hoisted(async () => {
  // vi.hoisted runs before the imports: the stand-ins' emitter comes in here.
  const { Emitter } = await import('./stand-in-emitter.js');

  class Session {
    permissionRequest:
      | ((
          contents: unknown,
          permission: string,
          callback: (granted: boolean) => void,
          details: unknown,
        ) => void)
      | null = null;
    permissionCheck:
      ((contents: unknown, permission: string, origin: string, details: unknown) => boolean) | null = null;
    devicePermission: ((details: unknown) => boolean) | null = null;
    setPermissionRequestHandler(handler: Session['permissionRequest']): void {
      this.permissionRequest = handler;
    }
    setPermissionCheckHandler(handler: Session['permissionCheck']): void {
      this.permissionCheck = handler;
    }
    setDevicePermissionHandler(handler: Session['devicePermission']): void {
      this.devicePermission = handler;
    }
  }

  /** As in Electron, a window's web contents use the default session unless told otherwise. */
  const session = { defaultSession: new Session() };

  class WebContents extends Emitter {
    readonly session = session.defaultSession;
    windowOpen: ((details: Record<string, unknown>) => unknown) | null = null;
    setWindowOpenHandler(handler: (details: Record<string, unknown>) => unknown): void {
      this.windowOpen = handler;
    }
  }

  interface WindowConstructorOptions {
    readonly icon?: string;
    readonly webPreferences: Readonly<Record<string, unknown>>;
  }

  class BrowserWindow extends Emitter {
    static readonly created: BrowserWindow[] = [];
    readonly webContents = new WebContents();
    readonly loaded: string[] = [];
    constructor(readonly options: WindowConstructorOptions) {
      super();
      BrowserWindow.created.push(this);
    }
    loadURL(url: string): Promise<void> {
      this.loaded.push(url);
      return Promise.resolve();
    }
    show(): void {}
  }

  const shell = { openExternal: vi.fn(() => Promise.resolve()), openPath: vi.fn(() => Promise.resolve('')) };
  const Menu = {
    buildFromTemplate: (template: unknown) => ({ template }),
    setApplicationMenu: vi.fn((_menu: unknown) => {}),
  };
  const app = { getVersion: () => '0.1.0', isPackaged: false };
  return { BrowserWindow, Session, session, shell, Menu, app };
});

vi.mock('electron', () => ({
  BrowserWindow: fake.BrowserWindow,
  session: fake.session,
  shell: fake.shell,
  Menu: fake.Menu,
  app: fake.app,
}));

beforeEach(() => {
  fake.BrowserWindow.created.length = 0;
  fake.session.defaultSession = new fake.Session();
  vi.clearAllMocks();
});

function openWindow(packaged: boolean) {
  setupWindow({ preload: '/app/preload.cjs', icon: '/app/icon.png', packaged });
  const window = fake.BrowserWindow.created.at(-1);
  if (!window) throw new Error('setupWindow made no BrowserWindow');
  return window;
}

/** An Electron event object: what the listener may read, and whether it prevented the default. */
function electronEvent(url = '') {
  return { url, preventDefault: vi.fn() };
}

describe('the window', () => {
  it('loads app://lab/index.html, sandboxed, without Node', () => {
    const window = openWindow(true);
    expect(window.loaded).toEqual([appIndexUrl]);
    expect(window.options.icon).toBe('/app/icon.png');
    expect(window.options.webPreferences).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    });
  });

  it('has DevTools in development only', () => {
    expect(openWindow(true).options.webPreferences.devTools).toBe(false);
    expect(openWindow(false).options.webPreferences.devTools).toBe(true);
  });

  it.each([
    'https://example.com/',
    'http://example.com/',
    'mailto:someone@example.com',
    'file:///etc/passwd',
    appIndexUrl,
  ])('denies a window open for %s and opens nothing outside the app', (url) => {
    const { webContents } = openWindow(true);
    expect(webContents.windowOpen).not.toBeNull();
    const answer = webContents.windowOpen?.({
      url,
      frameName: '',
      features: '',
      disposition: 'foreground-tab',
      referrer: { url: appIndexUrl, policy: 'strict-origin-when-cross-origin' },
    });
    expect(answer).toEqual({ action: 'deny' });
    expect(fake.shell.openExternal).not.toHaveBeenCalled();
    expect(fake.shell.openPath).not.toHaveBeenCalled();
  });

  it.each(['will-navigate', 'will-redirect'])('%s: stays on app://lab', (name) => {
    const { webContents } = openWindow(true);
    for (const url of [
      'https://evil.example/',
      'file:///etc/passwd',
      'app://other/index.html',
      'javascript:1',
    ]) {
      const event = electronEvent(url);
      webContents.emit(name, event, url);
      expect(event.preventDefault, url).toHaveBeenCalled();
    }
    const home = electronEvent('app://lab/index.html#vae');
    webContents.emit(name, home, home.url);
    expect(home.preventDefault).not.toHaveBeenCalled();
    expect(fake.shell.openExternal).not.toHaveBeenCalled();
  });

  it('refuses webviews and cancels a Bluetooth device choice', () => {
    const { webContents } = openWindow(true);
    const attach = electronEvent();
    webContents.emit('will-attach-webview', attach, {}, {});
    expect(attach.preventDefault).toHaveBeenCalled();
    const choose = electronEvent();
    const callback = vi.fn();
    webContents.emit('select-bluetooth-device', choose, [{ deviceId: 'd1', deviceName: 'watch' }], callback);
    expect(choose.preventDefault).toHaveBeenCalled();
    expect(callback).toHaveBeenCalledWith('');
  });

  const permissions = [
    'media',
    'geolocation',
    'notifications',
    'clipboard-read',
    'hid',
    'usb',
    'openExternal',
  ];

  it.each(permissions)('denies a permission request for %s', (permission) => {
    const { webContents } = openWindow(true);
    const handler = webContents.session.permissionRequest;
    expect(handler).not.toBeNull();
    const callback = vi.fn();
    handler?.(webContents, permission, callback, { requestingUrl: appIndexUrl, isMainFrame: true });
    expect(callback).toHaveBeenCalledTimes(1);
    expect(callback).toHaveBeenCalledWith(false);
  });

  it.each(permissions)('denies a permission check for %s', (permission) => {
    const { webContents } = openWindow(true);
    const handler = webContents.session.permissionCheck;
    expect(handler).not.toBeNull();
    expect(
      handler?.(webContents, permission, 'app://lab', { isMainFrame: true, requestingUrl: appIndexUrl }),
    ).toBe(false);
    expect(handler?.(null, permission, 'https://evil.example', { isMainFrame: false })).toBe(false);
  });

  it.each(['hid', 'serial', 'usb'])('denies a %s device', (deviceType) => {
    const { webContents } = openWindow(true);
    const handler = webContents.session.devicePermission;
    expect(handler).not.toBeNull();
    expect(handler?.({ deviceType, origin: 'app://lab', device: { deviceId: 'd1' } })).toBe(false);
  });
});

/** Every item of a template, submenus included. */
function allItems(template: readonly MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? allItems(item.submenu) : [])]);
}

function roles(template: readonly MenuItemConstructorOptions[]): string[] {
  return allItems(template).flatMap((item) => (item.role ? [item.role.toLowerCase()] : []));
}

/** Roles that reload the page or open DevTools (viewMenu is the stock View menu, which has them). */
const developerRoles = ['reload', 'forcereload', 'toggledevtools', 'viewmenu'];

describe('the application menu', () => {
  const platforms: NodeJS.Platform[] = ['linux', 'win32', 'darwin'];
  const template = (packaged: boolean, platform: NodeJS.Platform) =>
    menuTemplate({ packaged, platform, version: '0.1.0', openRunsFolder: () => {} });

  it.each(platforms)('has no reload or DevTools item in a packaged build (%s)', (platform) => {
    const packaged = template(true, platform);
    expect(roles(packaged).filter((role) => developerRoles.includes(role))).toEqual([]);
    // The only shortcut it defines is Open Runs Folder's; no item brings back Ctrl+R, F5, F12 or Ctrl+Shift+I.
    const accelerators = new Set(
      allItems(packaged).flatMap((item) => (item.accelerator ? [item.accelerator] : [])),
    );
    expect([...accelerators]).toEqual(['CmdOrCtrl+Shift+O']);
    expect(allItems(packaged).some((item) => /reload|devtools|developer/i.test(item.label ?? ''))).toBe(
      false,
    );
  });

  it.each(platforms)('has reload, force reload and DevTools in development (%s)', (platform) => {
    expect(roles(template(false, platform))).toEqual(
      expect.arrayContaining(['reload', 'forcereload', 'toggledevtools']),
    );
  });

  it('keeps the rest of the menu in both', () => {
    const withoutDeveloper = (packaged: boolean) =>
      roles(template(packaged, 'linux')).filter((role) => !developerRoles.includes(role));
    expect(withoutDeveloper(true)).toEqual(withoutDeveloper(false));
    expect(roles(template(true, 'linux'))).toEqual(
      expect.arrayContaining(['quit', 'editmenu', 'zoomin', 'togglefullscreen', 'windowmenu', 'help']),
    );
  });

  it('setupMenu installs the packaged or the development menu', () => {
    const installed = () => {
      const menu: unknown = fake.Menu.setApplicationMenu.mock.lastCall?.[0];
      if (typeof menu !== 'object' || menu === null || !('template' in menu))
        throw new Error('no menu installed');
      return menu.template as MenuItemConstructorOptions[];
    };
    setupMenu({ runsDir: '/runs', packaged: true });
    expect(roles(installed()).filter((role) => developerRoles.includes(role))).toEqual([]);
    setupMenu({ runsDir: '/runs', packaged: false });
    expect(roles(installed())).toEqual(expect.arrayContaining(['reload', 'toggledevtools']));
  });

  it('Open Runs Folder opens the runs folder and nothing else', () => {
    setupMenu({ runsDir: '/runs', packaged: true });
    const menu = fake.Menu.setApplicationMenu.mock.lastCall?.[0] as {
      template: MenuItemConstructorOptions[];
    };
    const open = allItems(menu.template).find((item) => item.label === 'Open Runs Folder');
    expect(open?.click).toBeTypeOf('function');
    (open?.click as () => void)();
    expect(fake.shell.openPath).toHaveBeenCalledWith('/runs');
    expect(fake.shell.openExternal).not.toHaveBeenCalled();
  });
});
