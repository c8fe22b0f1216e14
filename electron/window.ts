/**
 * The lab's window: context isolation, the sandbox and web security on, no Node in the page,
 * a preload that exposes named functions only (preload.cts). It shows app://lab/index.html
 * and nothing else: navigation away, new windows and permission requests are refused;
 * https links open in the user's browser.
 */
import { BrowserWindow, session, shell } from 'electron';
import { appIndexUrl, isAppUrl } from './app-origin.js';

export interface WindowOptions {
  readonly preload: string;
}

export function setupWindow(options: WindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1440,
    height: 960,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'EBM Lab',
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
    },
  });
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  window.webContents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  window.webContents.on('will-attach-webview', (event) => event.preventDefault());
  window.once('ready-to-show', () => window.show());
  void window.loadURL(appIndexUrl);
  return window;
}
