/** The packaged-files import graph (import-graph.ts) on small trees whose answers are known. */
import { describe, expect, it } from 'vitest';
import { importGraph, referencesOf, resolveExports, type FileTree } from './import-graph.js';

function tree(files: Record<string, string>): FileTree {
  return {
    has: (path) => path in files,
    read: (path) => {
      const text = files[path];
      if (text === undefined) throw new Error(`no ${path}`);
      return text;
    },
  };
}

const target = { platform: 'linux', arch: 'x64' };

describe('referencesOf', () => {
  it('finds static, dynamic and require loads, worker scripts and named packages, not comment lines', () => {
    const source = [
      "import { a } from './a.js';",
      "export * from '../b.js';",
      "import 'side-effect';",
      "const c = await import('c-pkg');",
      "const d = require('d-pkg/sub');",
      "const e = require.resolve('e-pkg/package.json');",
      "const worker = new URL(ts ? './w.ts' : './w.js', import.meta.url);",
      "const rungs = { wasm: '@scope/wasm-rung' };",
      "  // var x = require('commented-out');",
    ].join('\n');
    expect(
      referencesOf(source, ['@scope/wasm-rung'])
        .map((r) => `${r.kind} ${r.specifier}`)
        .sort(),
    ).toEqual(
      [
        'import ./a.js',
        'import ../b.js',
        'import side-effect',
        'import c-pkg',
        'require d-pkg/sub',
        'require e-pkg/package.json',
        'file ./a.js',
        'file ../b.js',
        'file ./w.js',
        'import @scope/wasm-rung',
      ].sort(),
    );
  });
});

describe('resolveExports', () => {
  const exports = {
    '.': { import: './wrapper.mjs', require: './index.js' },
    './sub/*': { node: './lib/*.js', default: './browser/*.js' },
  };
  it.each([
    ['.', ['node', 'import'], './wrapper.mjs'],
    ['.', ['node', 'require'], './index.js'],
    ['./sub/x', ['node', 'import'], './lib/x.js'],
    ['./missing', ['node', 'import'], null],
  ])('%s with %j → %s', (subpath, conditions, expected) => {
    expect(resolveExports(exports, subpath, conditions)).toBe(expected);
  });
});

describe('importGraph', () => {
  const files = {
    'dist/entry.js': "import { x } from './x.js';\nimport ws from 'ws';\nconst ort = await import('ort');",
    'dist/x.js': 'export const x = 1;',
    'node_modules/ws/package.json': JSON.stringify({
      exports: { '.': { import: './wrapper.mjs', require: './index.js' } },
      peerDependenciesMeta: { bufferutil: { optional: true } },
    }),
    'node_modules/ws/wrapper.mjs': "import ws from './index.js';\nexport default ws;",
    'node_modules/ws/index.js':
      "try { require('bufferutil'); } catch {}\nmodule.exports = require('./lib/ws');",
    'node_modules/ws/lib/ws.js': "module.exports = require('node:events');",
    'node_modules/ort/package.json': JSON.stringify({ main: 'dist/index.js' }),
    'node_modules/ort/dist/index.js':
      'module.exports = require(`../bin/${process.platform}/${process.arch}/binding.node`);',
    'node_modules/ort/bin/linux/x64/binding.node': '\0',
  };

  it('follows relative files, exports, main, optional peers and platform-computed binaries', () => {
    const graph = importGraph(tree(files), 'dist/entry.js', target);
    expect(graph.unresolved).toEqual([]);
    expect([...graph.files].sort()).toEqual(
      Object.keys(files)
        .filter((f) => !f.endsWith('package.json'))
        .sort(),
    );
    expect([...graph.packages].sort()).toEqual(['ort', 'ws']);
  });

  it('reports what is missing: a package left out, a file left out, a binary for this platform', () => {
    const without = (...gone: string[]) =>
      Object.fromEntries(Object.entries(files).filter(([path]) => !gone.some((g) => path.startsWith(g))));
    const unresolved = (...gone: string[]) =>
      importGraph(tree(without(...gone)), 'dist/entry.js', target).unresolved.map((r) => r.specifier);
    expect(unresolved('node_modules/ws/')).toEqual(['ws']);
    expect(unresolved('dist/x.js')).toEqual(['./x.js']);
    expect(unresolved('node_modules/ort/bin/')).toEqual(['../bin/linux/x64/binding.node']);
    expect(importGraph(tree(files), 'dist/entry.js', { platform: 'win32', arch: 'x64' }).unresolved).toEqual([
      { from: 'node_modules/ort/dist/index.js', specifier: '../bin/win32/x64/binding.node', kind: 'require' },
    ]);
  });
});
