#!/usr/bin/env node
// `npm start`: the desktop app where the Electron runtime is usable; otherwise one sentence
// saying why, and the same lab in browser mode (host/server.ts) at the printed URL. Builds
// what is missing or older than its sources first (vite build, tsc -p tsconfig.electron.json).
// Runs until Ctrl-C.
//
//   npm start [-- --browser] [--no-build] [--no-open] [--port 5173] [--host 127.0.0.1]
//             [--runs-dir runs] [--backend tensorflow-gpu|tensorflow|wasm|cpu]
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const backends = ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'];
const defaultPort = 5173;

function parseArgs(argv) {
  const options = {
    browser: false,
    build: true,
    open: true,
    port: null,
    host: '127.0.0.1',
    runsDir: 'runs',
    backend: null,
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = () => inline ?? argv[++i];
    if (flag === '--browser') options.browser = true;
    else if (flag === '--no-build') options.build = false;
    else if (flag === '--no-open') options.open = false;
    else if (flag === '--port') options.port = Number(value());
    else if (flag === '--host') options.host = value();
    else if (flag === '--runs-dir') options.runsDir = value();
    else if (flag === '--backend') options.backend = value();
    else throw new Error(`unknown option ${argv[i]} (see the top of bin/start.mjs)`);
  }
  if (
    options.port !== null &&
    !(Number.isInteger(options.port) && options.port >= 0 && options.port <= 65535)
  ) {
    throw new Error('--port must be a whole number from 0 to 65535');
  }
  if (options.backend !== null && !backends.includes(options.backend)) {
    throw new Error(`--backend must be one of ${backends.join(', ')}`);
  }
  return options;
}

/** Newest modification time under the given files and folders (0 when none exist). */
function newestMtime(paths) {
  let newest = 0;
  const visit = (path) => {
    if (!existsSync(path)) return;
    const stat = statSync(path);
    if (stat.isDirectory()) for (const entry of readdirSync(path)) visit(join(path, entry));
    else newest = Math.max(newest, stat.mtimeMs);
  };
  paths.forEach((p) => visit(join(root, p)));
  return newest;
}

/** Whether every output exists and is newer than every source. */
function isFresh(outputs, sources) {
  const files = outputs.map((o) => join(root, o));
  if (!files.every(existsSync)) return false;
  const oldest = Math.min(...files.map((f) => statSync(f).mtimeMs));
  return oldest >= newestMtime(sources);
}

const builds = {
  renderer: {
    script: 'build:renderer',
    outputs: ['dist/renderer/index.html'],
    sources: ['renderer', 'protocol', 'vite.config.ts'],
  },
  node: {
    script: 'build:node',
    outputs: ['dist/electron/main.js', 'dist/electron/preload.cjs', 'dist/trainer/entry.js'],
    sources: [
      'electron',
      'host',
      'trainer',
      'models',
      'protocol',
      'tsconfig.electron.json',
      'tsconfig.base.json',
    ],
  },
};

/** Builds what is missing or stale; returns false when a build failed. Build output goes to stderr. */
function buildIfNeeded(names) {
  for (const name of names) {
    const { script, outputs, sources } = builds[name];
    if (isFresh(outputs, sources)) continue;
    process.stderr.write(`Building (${script})…\n`);
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const result = spawnSync(npm, ['run', '--silent', script], {
      cwd: root,
      stdio: ['ignore', 2, 2],
      shell: process.platform === 'win32',
    });
    if (result.status !== 0) {
      process.stderr.write(`npm run ${script} failed.\n`);
      return false;
    }
  }
  return true;
}

function launchElectron(binary, options) {
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  const args = [
    root,
    '--runs-dir',
    resolve(options.runsDir),
    ...(options.backend ? ['--backend', options.backend] : []),
  ];
  const child = spawn(binary, args, { stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

async function startBrowserMode(options, sentenceFor) {
  if (options.build && !buildIfNeeded(['renderer'])) {
    process.stderr.write('The page will say how to build the renderer.\n');
  }
  const { serve } = await import('../host/server.ts');
  const settings = {
    host: options.host,
    runsDir: resolve(options.runsDir),
    ...(options.backend ? { backend: options.backend } : {}),
    open: options.open && !process.env.CI,
  };
  let server;
  try {
    server = await serve({ ...settings, port: options.port ?? defaultPort });
  } catch (error) {
    if (options.port !== null || error?.code !== 'EADDRINUSE') throw error;
    server = await serve({ ...settings, port: 0 }); // 5173 is taken: any free port
  }
  process.stdout.write(`${sentenceFor(server.url)}\n`);
  process.stderr.write('Press Ctrl-C to stop.\n');
  let stopping = false;
  const stop = () => {
    if (stopping) process.exit(130);
    stopping = true;
    void server.close().finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

async function main() {
  let options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`npm start: ${error.message}\n`);
    process.exit(2);
  }
  register(); // the host and the launcher helpers run from their TypeScript sources
  if (options.browser) {
    return startBrowserMode(options, (url) => `EBM Lab is running in browser mode: open ${url}`);
  }
  const { findElectronRuntime, fallbackSentence } = await import('../electron/runtime.ts');
  const runtime = findElectronRuntime();
  if (runtime.ok) {
    if (options.build && !buildIfNeeded(['renderer', 'node'])) process.exit(1);
    return launchElectron(runtime.path, options);
  }
  return startBrowserMode(options, (url) => fallbackSentence(runtime, url));
}

main().catch((error) => {
  process.stderr.write(`npm start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
