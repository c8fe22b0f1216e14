/** The application menu: the platform's usual roles plus "Open Runs Folder". */
import { app, Menu, shell, type MenuItemConstructorOptions } from 'electron';

export interface MenuOptions {
  readonly runsDir: string;
}

export function setupMenu(options: MenuOptions): void {
  const isMac = process.platform === 'darwin';
  const openRuns: MenuItemConstructorOptions = {
    label: 'Open Runs Folder',
    accelerator: 'CmdOrCtrl+Shift+O',
    click: () => void shell.openPath(options.runsDir),
  };
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [openRuns, { type: 'separator' }, isMac ? { role: 'close' } : { role: 'quit' }],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { role: 'reload' },
        { role: 'toggleDevTools' },
        { type: 'separator' },
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
      submenu: [{ label: `EBM Lab ${app.getVersion()}`, enabled: false }, openRuns],
    },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
