/**
 * The application menu: the platform's usual roles plus "Open Runs Folder". Reload, Force
 * Reload and Toggle DevTools (and their shortcuts, which exist only as these menu items) are
 * there in development only; a packaged build (app.isPackaged) leaves them out.
 */
import { app, Menu, shell, type MenuItemConstructorOptions } from 'electron';

export interface MenuOptions {
  readonly runsDir: string;
  /** app.isPackaged: no reload or DevTools in a packaged build. */
  readonly packaged: boolean;
}

export interface MenuTemplateOptions {
  readonly packaged: boolean;
  readonly platform: NodeJS.Platform;
  readonly version: string;
  readonly openRunsFolder: () => void;
}

export function menuTemplate(options: MenuTemplateOptions): MenuItemConstructorOptions[] {
  const isMac = options.platform === 'darwin';
  const openRuns: MenuItemConstructorOptions = {
    label: 'Open Runs Folder',
    accelerator: 'CmdOrCtrl+Shift+O',
    click: options.openRunsFolder,
  };
  const developer: MenuItemConstructorOptions[] = options.packaged
    ? []
    : [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }];
  return [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [openRuns, { type: 'separator' }, isMac ? { role: 'close' } : { role: 'quit' }],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        ...developer,
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [{ label: `EBM Lab ${options.version}`, enabled: false }, openRuns],
    },
  ];
}

export function setupMenu(options: MenuOptions): void {
  const template = menuTemplate({
    packaged: options.packaged,
    platform: process.platform,
    version: app.getVersion(),
    openRunsFolder: () => void shell.openPath(options.runsDir),
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
