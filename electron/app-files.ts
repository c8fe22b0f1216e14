/**
 * What the app:// protocol answers: files of dist/renderer only (host/http-static.ts, no
 * path traversal), each with the window's CSP and the security headers. Kept free of the
 * electron module so that it is tested in plain Node.
 */
import { electronCsp, securityHeaders } from '../host/csp.js';
import { readStatic } from '../host/http-static.js';
import { appHost, appScheme } from './app-origin.js';

export interface AppResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Uint8Array | null;
}

export async function appResponse(requestUrl: string, rendererDir: string): Promise<AppResponse> {
  const headers = { ...securityHeaders, 'Content-Security-Policy': electronCsp };
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { status: 400, headers, body: null };
  }
  if (url.protocol !== `${appScheme}:` || url.host !== appHost) return { status: 404, headers, body: null };
  const found = await readStatic(rendererDir, url.pathname);
  if (found.kind === 'not-found') return { status: 404, headers, body: null };
  return { status: 200, headers: { ...headers, 'Content-Type': found.type }, body: found.body };
}
