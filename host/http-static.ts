/**
 * Static files of the built renderer (dist/renderer), for browser mode's HTTP server and the
 * Electron app:// protocol. A URL path maps to a file strictly inside the root: percent
 * escapes are decoded once, and any '..' segment, backslash, NUL or drive letter is refused
 * before touching the disk; the resolved real path must still lie under the root's real path
 * (no symlink escapes).
 */
import { realpath, readFile, stat } from 'node:fs/promises';
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path';

const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

export function mimeType(file: string): string {
  return MIME[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The path, relative to the root, that a URL pathname names; null when it is not a plain
 * path inside the root. '/' names index.html.
 */
export function staticRelativePath(pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null; // malformed escape
  }
  if (!decoded.startsWith('/') || /[\\\0]/.test(decoded)) return null;
  const segments = decoded.split('/').slice(1);
  if (segments.some((s) => s === '..' || s === '.' || /^[A-Za-z]:/.test(s))) return null;
  const rel = segments.join('/');
  if (rel === '' || rel.endsWith('/')) return `${rel}index.html`;
  if (segments.some((s) => s === '')) return null; // '//' inside the path
  return rel;
}

export type StaticResult =
  | { readonly kind: 'file'; readonly file: string; readonly body: Buffer; readonly type: string }
  | { readonly kind: 'not-found' };

/** Reads the file a URL pathname names under `root`, or says it is not there (or not allowed). */
export async function readStatic(root: string, pathname: string): Promise<StaticResult> {
  const rel = staticRelativePath(pathname);
  if (rel === null) return { kind: 'not-found' };
  const base = resolve(root);
  const file = resolve(base, rel);
  if (!isInside(base, file)) return { kind: 'not-found' };
  try {
    const [realBase, realFile] = await Promise.all([realpath(base), realpath(file)]);
    if (!isInside(realBase, realFile) || !(await stat(realFile)).isFile()) return { kind: 'not-found' };
    return { kind: 'file', file: realFile, body: await readFile(realFile), type: mimeType(realFile) };
  } catch {
    return { kind: 'not-found' };
  }
}

function isInside(base: string, file: string): boolean {
  const rel = relative(base, file);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
}

/** Whether the built renderer is there (its index.html). */
export async function hasRenderer(root: string): Promise<boolean> {
  try {
    return (await stat(join(root, 'index.html'))).isFile();
  } catch {
    return false;
  }
}
