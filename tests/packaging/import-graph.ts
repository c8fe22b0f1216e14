/**
 * The import graph of packaged JavaScript, read from the package itself (an asar listing, or
 * any tree of files), as Node would load it: static `import … from` / `export … from`,
 * `import '…'`, `import('…')` with a literal, `require('…')` and `require.resolve('…')`, and
 * two run-time references that are not imports: a relative file named in a string literal
 * ('./view-worker.js', the contrastive lab's worker script, which `new Worker` loads; the
 * window's icon, '../../assets/icons/256x256.png') and a
 * string literal equal to a name in `packages` (the backend ladder's rungs, imported through a
 * variable). Bare names are resolved like Node: the nearest node_modules/<name> walking up
 * inside the tree (never outside it), then the package's "exports" (conditions node, then
 * import or require, then default), else "main" or index.js. Built-in modules, and names in
 * `provided` (the runtime's own, e.g. 'electron'), are not files. A computed specifier is
 * followed only where it is computed from the platform (`${process.platform}`,
 * `${process.arch}`, as onnxruntime-node loads its binding): with the target's values. Lines
 * that are comments are skipped; a package's optional peers (peerDependenciesMeta) and
 * optionalDependencies may be missing, as may the names in `optional`.
 */
import { builtinModules } from 'node:module';
import { posix } from 'node:path';

/** The files of a package: paths relative to its root, '/'-separated. */
export interface FileTree {
  has(path: string): boolean;
  read(path: string): string;
}

export interface Reference {
  readonly from: string;
  readonly specifier: string;
  readonly kind: 'import' | 'require' | 'file';
}

export interface ImportGraph {
  /** Every file reached, entry included. */
  readonly files: ReadonlySet<string>;
  /** References that name nothing in the tree. */
  readonly unresolved: readonly Reference[];
  /** The packages reached (node_modules/<name>). */
  readonly packages: ReadonlySet<string>;
}

export interface GraphOptions {
  /** The target's process.platform and process.arch, for computed specifiers. */
  readonly platform: string;
  readonly arch: string;
  /** Bare names the runtime provides (e.g. 'electron' for the main process). */
  readonly provided?: readonly string[];
  /** Package names whose mention as a string literal counts as a reference. */
  readonly packages?: readonly string[];
  /** Bare names that may be missing from the tree (optional dependencies that never installed). */
  readonly optional?: readonly string[];
}

const builtins = new Set(builtinModules);
const scanned = /\.(?:js|mjs|cjs)$/;
const extensions = ['', '.js', '.json', '.node', '/index.js', '/index.json'];

/** Specifiers of one file, with the kind of load that reads them (comment lines skipped). */
export function referencesOf(
  source: string,
  packages: readonly string[] = [],
): { specifier: string; kind: Reference['kind'] }[] {
  const text = source.replace(/^[ \t]*\/\/.*$/gm, '');
  const found: { specifier: string; kind: Reference['kind'] }[] = [];
  const literal = String.raw`['"\`]([^'"\`\s]+)['"\`]`;
  const patterns: [RegExp, Reference['kind']][] = [
    [new RegExp(String.raw`(?:^|[\s;})])(?:import|export)\s[^'"\`;]*?\sfrom\s*${literal}`, 'gm'), 'import'],
    [new RegExp(String.raw`(?:^|[\s;})])import\s*${literal}`, 'gm'), 'import'],
    [new RegExp(String.raw`\bimport\(\s*${literal}\s*\)`, 'g'), 'import'],
    [new RegExp(String.raw`\brequire(?:\.resolve)?\(\s*${literal}\s*\)`, 'g'), 'require'],
  ];
  for (const [pattern, kind] of patterns) {
    for (const match of text.matchAll(pattern)) found.push({ specifier: match[1]!, kind });
  }
  for (const match of text.matchAll(/['"`](\.{1,2}\/[^'"`\s]+\.(?:js|mjs|cjs|json|wasm|png))['"`]/g)) {
    found.push({ specifier: match[1]!, kind: 'file' });
  }
  for (const name of packages) {
    if (text.includes(`'${name}'`) || text.includes(`"${name}"`))
      found.push({ specifier: name, kind: 'import' });
  }
  return found;
}

/** Splits 'a/b/c' into ('a', './b/c') and '@s/a/b' into ('@s/a', './b'). */
export function splitBare(specifier: string): { name: string; subpath: string } {
  const parts = specifier.split('/');
  const size = specifier.startsWith('@') ? 2 : 1;
  const rest = parts.slice(size).join('/');
  return { name: parts.slice(0, size).join('/'), subpath: rest ? `./${rest}` : '.' };
}

type Exports = string | null | readonly Exports[] | { readonly [key: string]: Exports };

/** A package "exports" target for the given conditions (the first that matches), or null. */
function pickTarget(target: Exports, conditions: readonly string[]): string | null {
  if (typeof target === 'string') return target;
  if (target === null) return null;
  if (Array.isArray(target)) {
    for (const item of target as readonly Exports[]) {
      const picked = pickTarget(item, conditions);
      if (picked) return picked;
    }
    return null;
  }
  for (const [key, value] of Object.entries(target as Record<string, Exports>)) {
    if (key === 'default' || conditions.includes(key)) {
      const picked = pickTarget(value, conditions);
      if (picked) return picked;
    }
  }
  return null;
}

/** The file "exports" maps a subpath to, with '*' patterns; undefined when exports says nothing. */
export function resolveExports(
  exports: Exports,
  subpath: string,
  conditions: readonly string[],
): string | null {
  const isMap =
    typeof exports === 'object' &&
    exports !== null &&
    !Array.isArray(exports) &&
    Object.keys(exports).some((k) => k.startsWith('.'));
  const map: Record<string, Exports> = isMap ? (exports as Record<string, Exports>) : { '.': exports };
  if (subpath in map) return pickTarget(map[subpath]!, conditions);
  for (const [key, value] of Object.entries(map)) {
    const star = key.indexOf('*');
    if (star < 0) continue;
    const [before, after] = [key.slice(0, star), key.slice(star + 1)];
    if (subpath.startsWith(before) && subpath.endsWith(after) && subpath.length >= key.length - 1) {
      const middle = subpath.slice(before.length, subpath.length - after.length);
      return pickTarget(value, conditions)?.replaceAll('*', middle) ?? null;
    }
  }
  return null;
}

function withExtension(tree: FileTree, path: string): string | null {
  for (const extension of extensions) {
    if (tree.has(path + extension)) return path + extension;
  }
  return null;
}

function readJson(tree: FileTree, path: string): Record<string, unknown> {
  return JSON.parse(tree.read(path)) as Record<string, unknown>;
}

/** Where a bare name leads from `from`, or null. */
function resolveBare(
  tree: FileTree,
  from: string,
  specifier: string,
  kind: Reference['kind'],
): string | null {
  const { name, subpath } = splitBare(specifier);
  let dir = posix.dirname(from);
  for (;;) {
    const root = posix.join(dir, 'node_modules', name);
    const manifest = `${root}/package.json`;
    if (tree.has(manifest)) {
      const pkg = readJson(tree, manifest);
      const conditions = ['node', kind === 'require' ? 'require' : 'import'];
      if (pkg.exports !== undefined && pkg.exports !== null) {
        const target = resolveExports(pkg.exports as Exports, subpath, conditions);
        const file = target ? posix.join(root, target) : null;
        return file && tree.has(file) ? file : null;
      }
      if (subpath !== '.') return withExtension(tree, posix.join(root, subpath));
      const main = typeof pkg.main === 'string' ? posix.join(root, pkg.main) : `${root}/index.js`;
      return withExtension(tree, posix.normalize(main));
    }
    if (dir === '.' || dir === '') return null;
    dir = posix.dirname(dir);
  }
}

export function resolveReference(tree: FileTree, reference: Reference): string | null {
  const { from, specifier, kind } = reference;
  if (specifier.startsWith('./') || specifier.startsWith('../')) {
    const path = posix.normalize(posix.join(posix.dirname(from), specifier));
    if (path.startsWith('..')) return null;
    return kind === 'require' ? withExtension(tree, path) : tree.has(path) ? path : null;
  }
  return resolveBare(tree, from, specifier, kind);
}

/** The optional peers and optionalDependencies of the package that holds `file`. */
function optionalOf(tree: FileTree, file: string): Set<string> {
  const at = file.lastIndexOf('node_modules/');
  if (at < 0) return new Set();
  const { name } = splitBare(file.slice(at + 'node_modules/'.length));
  const manifest = `${file.slice(0, at)}node_modules/${name}/package.json`;
  if (!tree.has(manifest)) return new Set();
  const pkg = readJson(tree, manifest);
  const meta = (pkg.peerDependenciesMeta ?? {}) as Record<string, { optional?: boolean }>;
  const peers = Object.entries(meta).flatMap(([peer, m]) => (m.optional ? [peer] : []));
  return new Set([...peers, ...Object.keys((pkg.optionalDependencies ?? {}) as object)]);
}

/** The graph reached from `entry` (a path in the tree). */
export function importGraph(tree: FileTree, entry: string, options: GraphOptions): ImportGraph {
  const provided = new Set(options.provided ?? []);
  const optional = new Set(options.optional ?? []);
  const files = new Set<string>();
  const packages = new Set<string>();
  const unresolved: Reference[] = [];
  const queue = [entry];
  if (!tree.has(entry)) unresolved.push({ from: '(entry)', specifier: entry, kind: 'import' });
  else files.add(entry);
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (!scanned.test(file)) continue;
    const seen = new Set<string>();
    for (const found of referencesOf(tree.read(file), options.packages)) {
      if (seen.has(found.specifier)) continue;
      seen.add(found.specifier);
      const { kind } = found;
      const specifier = found.specifier
        .replaceAll('${process.platform}', options.platform)
        .replaceAll('${process.arch}', options.arch);
      if (specifier.includes('${')) continue; // computed from something else: not followed
      if (specifier.startsWith('node:') || builtins.has(specifier)) continue;
      const bare = !specifier.startsWith('.');
      if (bare && (provided.has(splitBare(specifier).name) || builtins.has(splitBare(specifier).name)))
        continue;
      const target = resolveReference(tree, { from: file, specifier, kind });
      if (target === null) {
        const name = splitBare(specifier).name;
        if (!(bare && (optional.has(name) || optionalOf(tree, file).has(name)))) {
          unresolved.push({ from: file, specifier, kind });
        }
        continue;
      }
      const inPackage = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(target);
      if (inPackage) packages.add(inPackage[1]!);
      if (!files.has(target)) {
        files.add(target);
        queue.push(target);
      }
    }
  }
  return { files, unresolved, packages };
}
