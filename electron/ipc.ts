/**
 * IPC between the window and the LabHost: one ipcMain.on per named function of the LabApi
 * (protocol/lab-api.ts labChannels), each accepted only from our window's main frame and
 * validated (ipc-commands.ts) before the host sees it; a refused command gets an error
 * event back. Run events and replies go to the window on eventChannel; hello is a handle,
 * and so is save-file (the native save dialog, then the bytes written where the user chose).
 */
import { dialog, ipcMain, type BrowserWindow, type IpcMainEvent, type IpcMainInvokeEvent } from 'electron';
import { writeFile } from 'node:fs/promises';
import type { LabHost } from '../host/types.js';
import { eventChannel, helloChannel, labChannels, saveFileChannel } from '../protocol/lab-api.js';
import type { LabEvent } from '../protocol/messages.js';
import { commandFromIpc, isTrustedSender, labCommandNames, saveFileFromIpc } from './ipc-commands.js';

/** Wires the window to the host; returns a function that unwires it. */
export function setupIpc(host: LabHost, window: BrowserWindow): () => void {
  const toWindow = (event: LabEvent): void => {
    if (!window.isDestroyed()) window.webContents.send(eventChannel, event);
  };
  const trusted = (event: IpcMainEvent | IpcMainInvokeEvent): boolean =>
    !window.isDestroyed() &&
    isTrustedSender({ contents: event.sender, frame: event.senderFrame }, window.webContents);

  for (const name of labCommandNames) {
    ipcMain.on(labChannels[name].channel, (event, args: unknown) => {
      if (!trusted(event)) return;
      const result = commandFromIpc(name, args);
      if (result.ok) host.dispatch(result.command, toWindow);
      else toWindow(result.error);
    });
  }
  ipcMain.handle(helloChannel, (event) => {
    if (!trusted(event)) throw new Error('hello from a frame that is not the lab window');
    return host.hello();
  });
  ipcMain.handle(saveFileChannel, async (event, args: unknown) => {
    if (!trusted(event)) throw new Error('save-file from a frame that is not the lab window');
    const file = saveFileFromIpc(args);
    if (!file.ok) throw new Error(`Cannot save: ${file.error}`);
    const answer = await dialog.showSaveDialog(window, { defaultPath: file.value.name });
    if (answer.canceled || !answer.filePath) return null;
    await writeFile(answer.filePath, file.value.bytes);
    return answer.filePath;
  });
  const unsubscribe = host.subscribe(toWindow);

  return () => {
    unsubscribe();
    for (const name of labCommandNames) ipcMain.removeAllListeners(labChannels[name].channel);
    ipcMain.removeHandler(helloChannel);
    ipcMain.removeHandler(saveFileChannel);
  };
}
