/**
 * The lab's window: context isolation, the sandbox and web security on, no Node in the page,
 * a preload that exposes named functions only (preload.cts). It shows app://lab/index.html
 * and nothing else: every new window is refused (the lab has no external links, so nothing
 * is handed to the user's browser either), navigation and redirects away from app://lab,
 * webviews, Bluetooth device choices and every permission request, check and device grant
 * are refused. A packaged app has no DevTools (menu.ts leaves out their menu items too).
 */
import { BrowserWindow, type Session, type WebContents } from 'electron';
import { appIndexUrl, isAppUrl } from './app-origin.js';

export interface WindowOptions {
  readonly preload: string;
  /** The window's icon (Linux and Windows; macOS shows the bundle's). */
  readonly icon: string;
  /** app.isPackaged: no DevTools in a packaged build. */
  readonly packaged: boolean;
}

export function setupWindow(options: WindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1440,
    height: 960,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'EBM Lab',
    icon: options.icon,
    backgroundColor: '#111418',
    webPreferences: {
      preload: options.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: !options.packaged,
    },
  });
  guardSession(window.webContents.session);
  guardContents(window.webContents);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(appIndexUrl);
  return window;
}

/** The page needs no permission (camera, location, notifications, clipboard, USB, HID, …). */
function guardSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

function guardContents(contents: WebContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  // Without a listener Electron picks the first device found; an empty id cancels the choice.
  contents.on('select-bluetooth-device', (event, _devices, callback) => {
    event.preventDefault();
    callback('');
  });
}
