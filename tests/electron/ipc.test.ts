/**
 * The Electron glue's pure parts, in plain Node: which IPC senders are trusted, what a named
 * call becomes, what app:// serves, the utility-process endpoint and the app's flags.
 */
import { EventEmitter } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { appResponse } from '../../electron/app-files.js';
import { appIndexUrl, isAppUrl } from '../../electron/app-origin.js';
import { parseAppArgs } from '../../electron/args.js';
import { commandFromIpc, isTrustedSender, saveFileFromIpc } from '../../electron/ipc-commands.js';
import { endpointOfUtility, type UtilityProcessLike } from '../../electron/utility-endpoint.js';
import { vaePresets } from '../../protocol/vae/config.js';

describe('isTrustedSender', () => {
  const ours = { id: 'our web contents' };
  const top = { url: appIndexUrl, parent: null };
  it.each([
    ['our top frame on app://lab', { contents: ours, frame: top }, true],
    ['a null frame (navigated away or destroyed)', { contents: ours, frame: null }, false],
    ['an iframe of our page', { contents: ours, frame: { url: appIndexUrl, parent: top } }, false],
    [
      'our top frame after navigating elsewhere',
      { contents: ours, frame: { url: 'https://evil.example/', parent: null } },
      false,
    ],
    ['a file:// page', { contents: ours, frame: { url: 'file:///etc/passwd', parent: null } }, false],
    ['another window', { contents: { id: 'other' }, frame: top }, false],
  ])('%s → %s', (_name, sender, expected) => {
    expect(isTrustedSender(sender, ours)).toBe(expected);
  });

  it.each([
    ['app://lab/index.html', true],
    ['app://lab/assets/x.js', true],
    ['app://other/index.html', false],
    ['file:///index.html', false],
    ['https://lab/', false],
    ['not a url', false],
  ])('isAppUrl(%s) is %s', (url, expected) => expect(isAppUrl(url)).toBe(expected));
});

describe('commandFromIpc', () => {
  it('builds and validates the command a named call carries', () => {
    expect(commandFromIpc('setParam', { runId: 'r1', name: 'beta', value: 2 })).toEqual({
      ok: true,
      command: { type: 'set-param', runId: 'r1', name: 'beta', value: 2 },
    });
  });

  it('cannot be talked into another command type', () => {
    const result = commandFromIpc('pause', {
      type: 'start',
      runId: 'r1',
      requestId: 'x',
      lab: 'vae',
      config: {},
    });
    expect(result).toEqual({ ok: true, command: { type: 'pause', runId: 'r1' } });
  });

  it('refuses an invalid start with an error naming the field and echoing the request', () => {
    const result = commandFromIpc('start', {
      requestId: 'q1',
      lab: 'vae',
      config: { ...vaePresets.tiny, latentDim: 0 },
    });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatchObject({
      type: 'error',
      runId: null,
      field: 'latentDim',
      requestId: 'q1',
    });
  });

  it.each([null, 'start', 42, ['a']])('refuses a payload that is not an object (%s)', (payload) => {
    expect(commandFromIpc('stop', payload).ok).toBe(false);
  });
});

describe('saveFileFromIpc', () => {
  it('takes a bare export name and its bytes', () => {
    const bytes = Uint8Array.from([1, 2, 3]);
    expect(saveFileFromIpc({ name: 'atoms.svg', bytes })).toEqual({
      ok: true,
      value: { name: 'atoms.svg', bytes },
    });
  });

  it.each([
    [{ name: '../../.bashrc.png', bytes: new Uint8Array(1) }, /bare file name/],
    [{ name: 'run.exe', bytes: new Uint8Array(1) }, /bare file name/],
    [{ name: 'atoms.png', bytes: [1, 2] }, /Uint8Array/],
    [{ name: 'atoms.png', bytes: new Uint8Array(64 * 1024 * 1024 + 1) }, /64 MiB/],
    ['atoms.png', /needs \{ name, bytes \}/],
  ])('refuses %#', (args, message) => {
    const result = saveFileFromIpc(args);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });
});

describe('appResponse', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ebm-app-'));
  const site = join(dir, 'renderer');
  mkdirSync(join(site, 'assets'), { recursive: true });
  writeFileSync(join(site, 'index.html'), '<title>lab</title>');
  writeFileSync(join(dir, 'secret.txt'), 'SECRET');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('serves the page with the CSP', async () => {
    const res = await appResponse(appIndexUrl, site);
    expect(res.status).toBe(200);
    expect(res.headers['Content-Type']).toMatch(/^text\/html/);
    expect(res.headers['Content-Security-Policy']).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(res.headers['Content-Security-Policy']).toContain("connect-src 'self';");
    expect(new TextDecoder().decode(res.body!)).toBe('<title>lab</title>');
  });

  it.each([
    'app://lab/../secret.txt',
    'app://lab/%2e%2e/secret.txt',
    'app://lab/..%2fsecret.txt',
    'app://other/index.html',
  ])('serves nothing outside dist/renderer: %s', async (url) => {
    const res = await appResponse(url, site);
    expect(res.status).toBe(404);
    expect(res.body).toBeNull();
  });
});

describe('endpointOfUtility', () => {
  function fakeChild() {
    const emitter = new EventEmitter();
    const posted: unknown[] = [];
    let killed = 0;
    const child: UtilityProcessLike = {
      pid: 77,
      postMessage: (m) => void posted.push(m),
      on: (event: string, listener: (arg: never) => void) =>
        emitter.on(event, listener as (arg: unknown) => void),
      kill: () => (killed++, true),
    };
    return { child, emitter, posted, killed: () => killed };
  }

  it('posts commands, relays messages and reports the exit once', () => {
    const { child, emitter, posted } = fakeChild();
    const endpoint = endpointOfUtility(child);
    const messages: unknown[] = [];
    const exits: unknown[] = [];
    endpoint.onMessage((m) => messages.push(m));
    endpoint.onExit((e) => exits.push(e));
    endpoint.send({ type: 'pause', runId: 'r1' });
    emitter.emit('message', { type: 'status' });
    emitter.emit('exit', 9);
    endpoint.send({ type: 'resume', runId: 'r1' }); // after exit: dropped
    expect(posted).toEqual([{ type: 'pause', runId: 'r1' }]);
    expect(messages).toEqual([{ type: 'status' }]);
    expect(exits).toEqual([{ code: 9, signal: null }]);
    expect(endpoint.pid).toBe(77);
  });

  it('kills a live process only', () => {
    const { child, emitter, killed } = fakeChild();
    const endpoint = endpointOfUtility(child);
    endpoint.kill();
    emitter.emit('exit', 0);
    endpoint.kill();
    expect(killed()).toBe(1);
  });
});

describe('parseAppArgs', () => {
  it.each([
    [
      ['.', '--runs-dir', '/tmp/runs'],
      { runsDir: '/tmp/runs', backend: null, threads: null, noGpu: false, warnings: [] },
    ],
    [
      ['--backend=wasm', '--runs-dir=r'],
      { runsDir: 'r', backend: 'wasm', threads: null, noGpu: false, warnings: [] },
    ],
    [
      ['--backend', 'onnxruntime', '--threads=2'],
      { runsDir: null, backend: 'onnxruntime', threads: 2, noGpu: false, warnings: [] },
    ],
    [
      ['--no-gpu', '--backend', 'onnxruntime-gpu'],
      { runsDir: null, backend: 'onnxruntime-gpu', threads: null, noGpu: true, warnings: [] },
    ],
    [['--enable-logging'], { runsDir: null, backend: null, threads: null, noGpu: false, warnings: [] }],
  ])('%j', (argv, expected) => expect(parseAppArgs(argv)).toEqual(expected));

  it('warns about an unknown backend and falls back to the ladder', () => {
    const args = parseAppArgs(['--backend', 'webgpu']);
    expect(args.backend).toBeNull();
    expect(args.warnings[0]).toMatch(
      /--backend must be one of onnxruntime-gpu, onnxruntime, tensorflow-gpu, tensorflow, wasm, cpu/,
    );
  });

  it.each(['0', 'two', '1.5', '999'])('warns about --threads %s and uses every core', (value) => {
    const args = parseAppArgs(['--threads', value]);
    expect(args.threads).toBeNull();
    expect(args.warnings[0]).toMatch(/--threads must be a whole number from 1 to 256/);
  });
});
