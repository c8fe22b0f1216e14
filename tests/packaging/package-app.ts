/**
 * What the packaging check needs around electron-builder: a stand-in Electron distribution
 * (electron-builder's documented `electronDist` option pointed at a folder with the layout of
 * Electron's Linux zip: a placeholder `electron` executable carrying Electron's fuse wire, a
 * `version` file, the licence files and `resources/`), the build itself, and the archive read
 * through @electron/asar as electron-builder resolves it.
 */
import { execFile } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import type { FileTree } from './import-graph.js';

export const root = join(import.meta.dirname, '../..');
const fromRoot = createRequire(join(root, 'package.json'));
/** Packages resolved as electron-builder resolves them. */
const fromBuilder = createRequire(fromRoot.resolve('electron-builder'));
const asar = fromBuilder('@electron/asar') as typeof import('@electron/asar');

/** Electron's fuse sentinel and its default wire (fuse version 1, 8 fuses; tests/electron/fuses.test.ts). */
export const fuseSentinel = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const defaultWire = '10110001';

/** Writes a stand-in for Electron's Linux distribution into `dir`. */
export function standInElectron(dir: string): void {
  const version = (fromRoot('electron/package.json') as { version: string }).version;
  mkdirSync(join(dir, 'resources'), { recursive: true });
  writeFileSync(
    join(dir, 'electron'),
    `#!/bin/sh\necho "stand-in for Electron ${version}: the runtime is not installed here" >&2\nexit 1\n# ${fuseSentinel}\x01${String.fromCharCode(defaultWire.length)}${defaultWire}\n`,
  );
  chmodSync(join(dir, 'electron'), 0o755);
  writeFileSync(join(dir, 'version'), `v${version}`);
  writeFileSync(join(dir, 'LICENSE'), 'stand-in');
  writeFileSync(join(dir, 'LICENSES.chromium.html'), 'stand-in');
}

/** The sources the packaged JavaScript is compiled from, and the renderer's. */
const nodeSources = ['electron', 'host', 'trainer', 'models', 'protocol'];

function newestFile(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((newest, entry) => {
    const path = join(dir, entry.name);
    return Math.max(newest, entry.isDirectory() ? newestFile(path) : statSync(path).mtimeMs);
  }, 0);
}

/**
 * Throws unless `npm run build` output is there and newer than its sources (a stale dist/
 * would check yesterday's app).
 */
export function assertBuilt(): void {
  const built = [
    ['dist/electron/main.js', nodeSources, 'npm run build:node'],
    ['dist/renderer/index.html', ['renderer'], 'npm run build:renderer'],
  ] as const;
  for (const [output, sources, command] of built) {
    const file = join(root, output);
    if (!existsSync(file))
      throw new Error(`${output} is missing: run \`${command}\` (npm test runs \`npm run build\`).`);
    const stale = sources.filter((dir) => newestFile(join(root, dir)) > statSync(file).mtimeMs);
    if (stale.length > 0)
      throw new Error(`${output} is older than ${stale.join(', ')}/: run \`${command}\`.`);
  }
}

/** Runs electron-builder's unpacked Linux target with the stand-in runtime; resolves with its output folder. */
export function buildUnpacked(electronDist: string, output: string): Promise<string> {
  const cli = fromRoot.resolve('electron-builder/cli.js');
  const args = [
    cli,
    '--linux',
    'dir',
    `-c.electronDist=${electronDist}`,
    `-c.directories.output=${relative(root, output)}`,
  ];
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      args,
      { cwd: root, timeout: 150_000, maxBuffer: 16 << 20 },
      (error, stdout, stderr) => {
        if (error)
          reject(new Error(`electron-builder failed: ${error.message}\n${stdout}\n${stderr}`.slice(-4000)));
        else resolve(join(output, 'linux-unpacked'));
      },
    );
  });
}

export interface ArchiveEntry {
  readonly path: string;
  readonly size: number;
  readonly unpacked: boolean;
}

interface HeaderNode {
  readonly files?: Record<string, HeaderNode>;
  readonly size?: number;
  readonly unpacked?: boolean;
}

/** Every file of an asar archive (paths relative to its root), from its header. */
export function archiveEntries(archive: string): ArchiveEntry[] {
  const entries: ArchiveEntry[] = [];
  const walk = (node: HeaderNode, prefix: string): void => {
    for (const [name, child] of Object.entries(node.files ?? {})) {
      const path = prefix ? `${prefix}/${name}` : name;
      if (child.files) walk(child, path);
      else entries.push({ path, size: child.size ?? 0, unpacked: child.unpacked === true });
    }
  };
  walk(asar.getRawHeader(archive).header as HeaderNode, '');
  return entries;
}

/** The archive as a FileTree (unpacked files are read from app.asar.unpacked, as Electron does). */
export function archiveTree(archive: string, entries: readonly ArchiveEntry[]): FileTree {
  const paths = new Set(entries.map((entry) => entry.path));
  return {
    has: (path) => paths.has(path),
    read: (path) => asar.extractFile(archive, path).toString('utf8'),
  };
}

export function extractArchive(archive: string, dest: string): void {
  asar.extractAll(archive, dest);
}

/** Top-level folders, and each package of node_modules, by size (bytes), largest first. */
export function sizesByGroup(entries: readonly ArchiveEntry[]): [group: string, bytes: number][] {
  const sizes = new Map<string, number>();
  for (const { path, size } of entries) {
    const parts = path.split('/');
    const depth = parts[0] === 'node_modules' ? (parts[1]?.startsWith('@') ? 3 : 2) : 2;
    const group =
      parts.length > depth ? parts.slice(0, depth).join('/') : parts.slice(0, -1).join('/') || path;
    sizes.set(group, (sizes.get(group) ?? 0) + size);
  }
  return [...sizes].sort((a, b) => b[1] - a[1]);
}

/** The fuse wire electron-builder left in the packaged executable, by FuseV1Options order. */
export function fuseWire(executable: string): string {
  const bytes = readFileSync(executable, 'latin1');
  const at = bytes.indexOf(fuseSentinel);
  if (at < 0) throw new Error(`${executable} has no fuse sentinel`);
  const length = bytes.charCodeAt(at + fuseSentinel.length + 1);
  return bytes.slice(at + fuseSentinel.length + 2, at + fuseSentinel.length + 2 + length);
}
