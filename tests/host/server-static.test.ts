/** URL paths to files under the renderer root (host/http-static.ts), as a table. */
import { describe, expect, it } from 'vitest';
import { mimeType, staticRelativePath } from '../../host/http-static.js';

describe('staticRelativePath', () => {
  const cases: [string, string | null][] = [
    ['/', 'index.html'],
    ['/index.html', 'index.html'],
    ['/assets/index-abc.js', 'assets/index-abc.js'],
    ['/assets/', 'assets/index.html'],
    ['/KaTeX%20Main.woff2', 'KaTeX Main.woff2'],
    ['/../package.json', null],
    ['/assets/../../package.json', null],
    ['/%2e%2e/package.json', null],
    ['/..%2fpackage.json', null],
    ['/assets/%2E%2E%2F%2E%2E%2Fpackage.json', null],
    ['/./index.html', null],
    ['/..%5cpackage.json', null],
    ['/a\\b', null],
    ['/index.html%00.js', null],
    ['/C:/Windows/win.ini', null],
    ['//etc/passwd', null],
    ['/assets//x.js', null],
    ['/%E0%A4%A', null],
    ['relative.js', null],
  ];
  it.each(cases)('%s → %s', (pathname, expected) => expect(staticRelativePath(pathname)).toBe(expected));
});

describe('mimeType', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['assets/a.JS', 'text/javascript; charset=utf-8'],
    ['a.css', 'text/css; charset=utf-8'],
    ['f.woff2', 'font/woff2'],
    ['x.wasm', 'application/wasm'],
    ['unknown.bin', 'application/octet-stream'],
  ])('%s is %s', (file, type) => expect(mimeType(file)).toBe(type));
});
