/** Serves dist/renderer on app://lab/ (app-files.ts decides what each request gets). */
import { protocol } from 'electron';
import { appResponse } from './app-files.js';
import { appScheme } from './app-origin.js';

export function setupAppProtocol(rendererDir: string): void {
  protocol.handle(appScheme, async (request) => {
    const { status, headers, body } = await appResponse(request.url, rendererDir);
    return new Response(body, { status, headers });
  });
}
