/**
 * Browser mode: the lab host served over HTTP with a WebSocket bridge (http-server.ts), with
 * the real LabHost whose trainers are forked processes. cli.ts (`ebm-lab serve`) and
 * `npm start`'s fallback call serve(); tests may use createLabServer with any LabHost.
 */
import { spawn } from 'node:child_process';
import type { BackendName } from '../protocol/messages.js';
import { createForkLauncher } from './fork-launcher.js';
import { createLabServer, type LabServer } from './http-server.js';
import { createLabHost, windowThreads } from './lab-host.js';
import { readVersion } from './version.js';

export {
  createLabServer,
  defaultStaticDir,
  isLoopback,
  notBuiltMessage,
  type LabServer,
  type LabServerOptions,
} from './http-server.js';

export interface ServeOptions {
  readonly host: string;
  readonly port: number;
  readonly runsDir: string;
  readonly backend?: BackendName;
  /** ONNX Runtime's threads per run; every core but one (the browser's) by default. */
  readonly threads?: number;
  /** Runs that may train at once (lab-host.ts defaultMaxRuns() when absent). */
  readonly maxRuns?: number;
  readonly token?: string;
  /** Open the URL in the default browser. */
  readonly open?: boolean;
  readonly staticDir?: string;
  readonly log?: (line: string) => void;
}

/** Opens a URL in the user's browser; failures (no browser, no display) are ignored. */
export function openInBrowser(url: string): void {
  const [command, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '""', url]]
        : ['xdg-open', [url]];
  try {
    const child = spawn(command, args, { detached: true, stdio: 'ignore' });
    child.on('error', () => {});
    child.unref();
  } catch {
    // no opener on this machine; the URL is printed anyway
  }
}

/** Browser mode for real: a LabHost whose trainers are forked processes, behind the server. */
export async function serve(options: ServeOptions): Promise<LabServer> {
  const lab = createLabHost({
    runsDir: options.runsDir,
    launcher: createForkLauncher(),
    version: readVersion(),
    ...(options.backend ? { backend: options.backend } : {}),
    threads: options.threads ?? windowThreads(),
    ...(options.maxRuns ? { maxRuns: options.maxRuns } : {}),
  });
  let server: LabServer;
  try {
    server = await createLabServer({
      lab,
      host: options.host,
      port: options.port,
      ...(options.token === undefined ? {} : { token: options.token }),
      ...(options.staticDir === undefined ? {} : { staticDir: options.staticDir }),
      ...(options.log === undefined ? {} : { log: options.log }),
    });
  } catch (e) {
    await lab.close();
    throw e;
  }
  if (options.open) openInBrowser(server.url);
  return {
    ...server,
    async close() {
      await server.close();
      await lab.close();
    },
  };
}
