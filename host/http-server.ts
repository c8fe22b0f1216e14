/**
 * Browser mode's HTTP + WebSocket server around any LabHost (server.ts gives it the real
 * one; tests inject a stand-in). Bound to 127.0.0.1 unless told otherwise and protected by a
 * per-launch token (http-auth.ts): any request without the token or its cookie gets 403 and
 * an empty body; so does a /ws upgrade, which must also come from the page's own origin; and
 * so does any request whose Host header does not name this server (DNS rebinding).
 * The page and its assets come from the built renderer (dist/renderer) only, with a strict
 * CSP (csp.ts). Frames on /ws go through the bridge (ws-bridge.ts).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { WebSocketServer } from 'ws';
import { contentSecurityPolicy, securityHeaders } from './csp.js';
import {
  createToken,
  credentialOf,
  hostAllowed,
  hostHeader,
  originAllowed,
  sessionCookie,
} from './http-auth.js';
import { hasRenderer, readStatic } from './http-static.js';
import type { LabHost } from './types.js';
import { createWsBridge } from './ws-bridge.js';

/** dist/renderer, from the sources (host/) or from the compiled tree (dist/host/). */
export const defaultStaticDir = fileURLToPath(
  new URL(import.meta.url.endsWith('.ts') ? '../dist/renderer' : '../renderer', import.meta.url),
);

export const notBuiltMessage =
  'The renderer is not built yet: run npm run build:renderer, then reload this page.';

/** Largest accepted frame: a save-export may carry up to 64 MiB. */
const MAX_FRAME_BYTES = 80 * 1024 * 1024;

export interface LabServerOptions {
  readonly lab: LabHost;
  /** Address to bind (default 127.0.0.1). */
  readonly host?: string;
  /** 0 = any free port. */
  readonly port: number;
  readonly token?: string;
  readonly staticDir?: string;
  /** Per-client send-buffer budget before heavy events are coalesced (bytes). */
  readonly budgetBytes?: number;
  /** Where warnings go (default: stderr). */
  readonly log?: (line: string) => void;
}

export interface LabServer {
  /** http://127.0.0.1:PORT/?token=TOKEN */
  readonly url: string;
  readonly token: string;
  readonly port: number;
  /** Closes the sockets and the HTTP server (not the LabHost). */
  close(): Promise<void>;
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** The address a browser on this machine should open for a bound host. */
function displayHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

function refuseUpgrade(socket: Duplex, status: 401 | 403 | 404): void {
  const reason = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found' }[status];
  socket.once('finish', () => socket.destroy());
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

export async function createLabServer(options: LabServerOptions): Promise<LabServer> {
  const bindHost = options.host ?? '127.0.0.1';
  const token = options.token ?? createToken();
  const staticDir = options.staticDir ?? defaultStaticDir;
  const log = options.log ?? ((line: string) => void process.stderr.write(`${line}\n`));
  const bridge = createWsBridge({
    lab: options.lab,
    ...(options.budgetBytes === undefined ? {} : { budgetBytes: options.budgetBytes }),
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES, perMessageDeflate: false });
  let port = options.port;

  const empty = (res: ServerResponse, status: number, headers: Record<string, string> = {}): void => {
    res.writeHead(status, { 'Content-Length': '0', 'Cache-Control': 'no-store', ...headers });
    res.end();
  };

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!hostAllowed(req, bindHost, port)) return empty(res, 403);
    const credential = credentialOf(req, url, token, port);
    if (credential === null) return empty(res, 403);
    if (req.method !== 'GET' && req.method !== 'HEAD') return empty(res, 405, { Allow: 'GET, HEAD' });
    const origin = hostHeader(req) ?? `${displayHost(bindHost)}:${port}`;
    const headers: Record<string, string> = {
      ...securityHeaders,
      'Content-Security-Policy': contentSecurityPolicy({ connect: [`ws://${origin}`] }),
      ...(credential === 'query' ? { 'Set-Cookie': sessionCookie(port, token) } : {}),
    };
    if (url.pathname === '/ws') return empty(res, 426, { ...headers, Upgrade: 'websocket' });
    if (!(await hasRenderer(staticDir))) {
      const body = `${notBuiltMessage}\n(looked in ${staticDir})\n`;
      res.writeHead(503, {
        ...headers,
        'Content-Type': 'text/plain; charset=utf-8',
        'Cache-Control': 'no-store',
      });
      return void res.end(req.method === 'HEAD' ? undefined : body);
    }
    const found = await readStatic(staticDir, url.pathname);
    if (found.kind === 'not-found') return empty(res, 404, headers);
    const isPage = found.type.startsWith('text/html');
    res.writeHead(200, {
      ...headers,
      'Content-Type': found.type,
      'Content-Length': String(found.body.byteLength),
      'Cache-Control': isPage ? 'no-store' : 'no-cache',
    });
    res.end(req.method === 'HEAD' ? undefined : found.body);
  }

  const server = createServer((req, res) => {
    onRequest(req, res).catch((e: unknown) => {
      log(`ebm-lab: request failed: ${e instanceof Error ? e.message : String(e)}`);
      if (!res.headersSent) empty(res, 500);
      else res.destroy();
    });
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!hostAllowed(req, bindHost, port)) return refuseUpgrade(socket, 403);
    if (url.pathname !== '/ws') return refuseUpgrade(socket, 404);
    if (credentialOf(req, url, token, port) === null) return refuseUpgrade(socket, 401);
    if (!originAllowed(req)) return refuseUpgrade(socket, 403);
    wss.handleUpgrade(req, socket, head, (ws) => bridge.connect(ws));
  });

  await new Promise<void>((resolve, reject) => {
    const onError = (e: NodeJS.ErrnoException): void => {
      const inUse = `port ${options.port} on ${bindHost} is in use; pick another with --port (0 = any free port)`;
      reject(e.code === 'EADDRINUSE' ? Object.assign(new Error(inUse), { code: e.code }) : e);
    };
    server.once('error', onError);
    server.listen(options.port, bindHost, () => {
      server.off('error', onError);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  if (!isLoopback(bindHost)) {
    log(
      `WARNING: EBM Lab is listening on ${bindHost}:${port}, reachable from other machines. ` +
        'Anyone with the token URL can control it, and plain HTTP is not encrypted: prefer 127.0.0.1 and an SSH tunnel.',
    );
  }
  if (!(await hasRenderer(staticDir))) log(`${notBuiltMessage} (looked in ${staticDir})`);

  return {
    url: `http://${displayHost(bindHost)}:${port}/?token=${token}`,
    token,
    port,
    async close() {
      await bridge.close();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
