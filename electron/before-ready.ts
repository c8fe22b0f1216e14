/**
 * What must happen before Electron's ready event, imported first by main.ts for its side
 * effects (ESM entry points evaluate their imports before ready; their own awaits may not):
 * the app:// scheme's privileges, and the sandbox for every renderer.
 */
import { app, protocol } from 'electron';
import { appScheme } from './app-origin.js';

protocol.registerSchemesAsPrivileged([
  {
    scheme: appScheme,
    privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true },
  },
]);
app.enableSandbox();
