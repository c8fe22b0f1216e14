/**
 * Browser mode's server around a stand-in LabHost: the token gate (nothing without it), the
 * cookie, static files without path traversal, the security headers, and the protocol over
 * a real WebSocket (validation errors to the sender only, replies to the requester, run
 * events to everyone).
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLabServer, type LabServer } from '../../host/server.js';
import type { LabHost } from '../../host/types.js';
import type { ClientCommand, ErrorEvent, LabEvent, StartSpec } from '../../protocol/messages.js';
import { vaePresets } from '../../protocol/vae/config.js';
import { connect, cookieFrom, rawGet, upgradeOutcome } from './server-helpers.js';

const SECRET = 'TOP-SECRET-CONTENTS';

interface FakeLab extends LabHost {
  readonly dispatched: ClientCommand[];
}

/** A LabHost that answers start with run-created and then broadcasts a status and an image. */
function fakeLab(): FakeLab {
  const listeners = new Set<(e: LabEvent) => void>();
  const dispatched: ClientCommand[] = [];
  return {
    dispatched,
    hello: () => ({
      type: 'hello',
      version: '9.9.9',
      backend: { name: 'cpu', reason: 'fake' },
      runsDir: '/runs',
    }),
    dispatch(command, reply) {
      dispatched.push(command);
      if (command.type !== 'start') return;
      reply({
        type: 'run-created',
        requestId: command.requestId,
        runId: 'run-1',
        ...({ lab: command.lab, config: command.config } as StartSpec),
      });
      const broadcast = (e: LabEvent): void => listeners.forEach((l) => l(e));
      broadcast({
        type: 'status',
        runId: 'run-1',
        state: 'running',
        backend: { name: 'cpu', reason: 'fake' },
        epoch: 0,
        step: 1,
        stepsPerEpoch: 10,
        totalSteps: 10,
        samplesPerSecond: 0,
      });
      broadcast({
        type: 'images',
        runId: 'run-1',
        view: 'samples',
        step: 1,
        width: 2,
        height: 2,
        count: 1,
        columns: 1,
        pixels: Uint8Array.from([0, 64, 128, 255]),
      });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: async () => {},
  };
}

const dir = mkdtempSync(join(tmpdir(), 'ebm-server-'));
const site = join(dir, 'site');
let lab: FakeLab;
let server: LabServer;
let cookie: string;

beforeAll(async () => {
  mkdirSync(join(site, 'assets'), { recursive: true });
  writeFileSync(join(site, 'index.html'), '<!doctype html><title>EBM Lab fixture</title>');
  writeFileSync(join(site, 'assets', 'app.js'), 'console.log("app");');
  writeFileSync(join(dir, 'secret.txt'), SECRET);
  symlinkSync(join(dir, 'secret.txt'), join(site, 'assets', 'link.txt'));
  lab = fakeLab();
  server = await createLabServer({ lab, host: '127.0.0.1', port: 0, staticDir: site, log: () => {} });
  cookie = cookieFrom(await rawGet(server.port, `/?token=${server.token}`));
});

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the token gate', () => {
  it('gives a request without the token a 403 and an empty body', async () => {
    for (const path of ['/', '/index.html', '/assets/app.js', '/ws', '/nothing']) {
      const res = await rawGet(server.port, path);
      expect([path, res.status, res.body]).toEqual([path, 403, '']);
    }
  });

  it('gives a wrong token, or a wrong cookie, a 403 and an empty body', async () => {
    const wrong = await rawGet(server.port, `/?token=${server.token}x`);
    expect([wrong.status, wrong.body, wrong.headers['set-cookie']]).toEqual([403, '', undefined]);
    const name = cookie.split('=')[0]!;
    const badCookie = await rawGet(server.port, '/', { cookie: `${name}=not-the-token` });
    expect([badCookie.status, badCookie.body]).toEqual([403, '']);
  });

  it('serves the page for the right token and sets an HttpOnly, SameSite=Strict cookie', async () => {
    const res = await rawGet(server.port, `/?token=${server.token}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toContain('EBM Lab fixture');
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toContain(`=${server.token}`);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).toMatch(/Path=\//);
  });

  it('serves assets to the cookie alone', async () => {
    const res = await rawGet(server.port, '/assets/app.js', { cookie });
    expect([res.status, res.headers['content-type'], res.body]).toEqual([
      200,
      'text/javascript; charset=utf-8',
      'console.log("app");',
    ]);
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('sends a strict CSP and nosniff with every page', async () => {
    const res = await rawGet(server.port, '/', { cookie });
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).toContain("img-src 'self' data: blob:");
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${server.port}`);
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(csp).not.toMatch(/ 'unsafe-eval'/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('refuses other methods', async () => {
    expect((await rawGet(server.port, '/', { cookie }, 'POST')).status).toBe(405);
  });
});

describe('static files', () => {
  const attempts = [
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/..%2fsecret.txt',
    '/%2e%2e/secret.txt',
    '/%2e%2e%2fsecret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/assets/%2e%2e/%2e%2e/secret.txt',
    '/..%5csecret.txt',
    '/..\\secret.txt',
    `/${encodeURIComponent(join(dir, 'secret.txt'))}`,
    '//' + join(dir, 'secret.txt').slice(1),
    '/%252e%252e/secret.txt',
    '/assets/link.txt',
    '/%zz',
    '/assets/app.js%00.html',
  ];
  it.each(attempts)('never serves a file outside the root: %s', async (path) => {
    const res = await rawGet(server.port, path, { cookie });
    expect([403, 404, 400]).toContain(res.status);
    expect(res.body).not.toContain(SECRET);
  });

  it('answers a missing file with 404', async () => {
    expect((await rawGet(server.port, '/assets/missing.js', { cookie })).status).toBe(404);
  });

  it('says how to build the renderer when it is missing', async () => {
    const lines: string[] = [];
    const bare = await createLabServer({
      lab: fakeLab(),
      port: 0,
      staticDir: join(dir, 'not-built'),
      log: (line) => lines.push(line),
    });
    try {
      const res = await rawGet(bare.port, `/?token=${bare.token}`);
      expect(res.status).toBe(503);
      expect(res.body).toContain('npm run build:renderer');
      expect(lines.join('\n')).toContain('npm run build:renderer');
      expect((await rawGet(bare.port, '/')).body).toBe(''); // still nothing without the token
    } finally {
      await bare.close();
    }
  });
});

describe('the Host header (DNS rebinding)', () => {
  it('refuses a page or upgrade whose Host is not this server, even with the token', async () => {
    const page = `/?token=${server.token}`;
    const evil = await rawGet(server.port, page, { host: `evil.example.com:${server.port}` });
    expect(evil.status).toBe(403);
    expect(evil.body).toBe('');
    expect(evil.headers['content-security-policy']).toBeUndefined(); // no CSP naming ws://evil…
    expect((await rawGet(server.port, page, { host: `127.0.0.1:${server.port + 1}` })).status).toBe(403);
    const upgrade = await upgradeOutcome(`ws://127.0.0.1:${server.port}/ws?token=${server.token}`, {
      headers: { host: `evil.example.com:${server.port}` },
    });
    expect(upgrade).toBe(403);
  });

  it('accepts the loopback names with this port', async () => {
    for (const host of ['127.0.0.1', 'localhost', 'LOCALHOST', '[::1]'])
      expect(
        (await rawGet(server.port, `/?token=${server.token}`, { host: `${host}:${server.port}` })).status,
      ).toBe(200);
  });
});

describe('the WebSocket upgrade', () => {
  const wsUrl = (query = ''): string => `ws://127.0.0.1:${server.port}/ws${query}`;

  it('is refused without the token or cookie, or with a wrong one', async () => {
    expect(await upgradeOutcome(wsUrl())).toBe(401);
    expect(await upgradeOutcome(wsUrl('?token=wrong'))).toBe(401);
    expect(await upgradeOutcome(wsUrl(), { headers: { cookie: 'ebm-lab-token-1=x' } })).toBe(401);
  });

  it('is refused from another origin, even with the cookie', async () => {
    expect(await upgradeOutcome(wsUrl(), { headers: { cookie }, origin: 'http://evil.example' })).toBe(403);
  });

  it('is refused on other paths', async () => {
    expect(await upgradeOutcome(`ws://127.0.0.1:${server.port}/other?token=${server.token}`)).toBe(404);
  });

  it('accepts the token query or the cookie from the page origin, and answers hello', async () => {
    for (const options of [
      { url: wsUrl(`?token=${server.token}`), init: {} },
      { url: wsUrl(), init: { headers: { cookie }, origin: `http://127.0.0.1:${server.port}` } },
    ]) {
      const client = await connect(options.url, options.init);
      client.send({ type: 'hello' });
      const hello = await client.next((e) => e.type === 'hello');
      expect(hello).toMatchObject({ type: 'hello', version: '9.9.9' });
      await client.close();
    }
  });
});

describe('the protocol over the WebSocket', () => {
  const open = () => connect(`ws://127.0.0.1:${server.port}/ws?token=${server.token}`);

  it('answers a malformed frame and a text frame with an error, and stays open', async () => {
    const client = await open();
    client.ws.send(Uint8Array.from([1, 2]));
    const malformed = await client.next<ErrorEvent>((e) => e.type === 'error');
    expect(malformed.message).toMatch(/malformed frame/);
    client.ws.send('{"type":"hello"}');
    await client.next((e) => e.type === 'error' && /binary/.test(e.message));
    client.send({ type: 'hello' });
    await client.next((e) => e.type === 'hello');
    await client.close();
  });

  it('refuses a start with β = −1 naming the field, and the host never sees it', async () => {
    const client = await open();
    const before = lab.dispatched.length;
    client.send({ type: 'start', requestId: 'bad-1', lab: 'vae', config: { ...vaePresets.tiny, beta: -1 } });
    const error = await client.next<ErrorEvent>((e) => e.type === 'error');
    expect(error).toMatchObject({ runId: null, requestId: 'bad-1', field: 'beta' });
    expect(error.message).toContain('beta');
    client.send({ type: 'pause', runId: '../etc' });
    await client.next((e) => e.type === 'error' && /runId/.test(e.message));
    expect(lab.dispatched.length).toBe(before);
    client.send({ type: 'hello' });
    await client.next((e) => e.type === 'hello');
    await client.close();
  });

  it('relays a valid start: the reply to the requester only, run events to every client', async () => {
    const requester = await open();
    const watcher = await open();
    requester.send({ type: 'start', requestId: 'ok-1', lab: 'vae', config: vaePresets.tiny });
    const created = await requester.next((e) => e.type === 'run-created');
    expect(created).toMatchObject({ requestId: 'ok-1', runId: 'run-1', lab: 'vae' });
    const image = await watcher.next((e) => e.type === 'images');
    expect(image).toMatchObject({ runId: 'run-1', view: 'samples' });
    expect(image.type === 'images' && Array.from(image.pixels)).toEqual([0, 64, 128, 255]);
    await watcher.next((e) => e.type === 'status');
    await requester.next((e) => e.type === 'images');
    expect(watcher.events.some((e) => e.type === 'run-created')).toBe(false);
    expect(lab.dispatched.at(-1)).toMatchObject({ type: 'start', requestId: 'ok-1' });
    await requester.close();
    await watcher.close();
  });
});

describe('binding', () => {
  it('warns loudly when bound beyond loopback, and still prints a 127.0.0.1 URL', async () => {
    const lines: string[] = [];
    const wide = await createLabServer({
      lab: fakeLab(),
      host: '0.0.0.0',
      port: 0,
      staticDir: site,
      log: (l) => lines.push(l),
    });
    try {
      expect(lines.join('\n')).toMatch(/WARNING.*0\.0\.0\.0/);
      expect(wide.url).toBe(`http://127.0.0.1:${wide.port}/?token=${wide.token}`);
    } finally {
      await wide.close();
    }
  });

  it('makes a fresh 32-character token per launch unless given one', async () => {
    const a = await createLabServer({ lab: fakeLab(), port: 0, staticDir: site, log: () => {} });
    const b = await createLabServer({
      lab: fakeLab(),
      port: 0,
      staticDir: site,
      token: 'given-token',
      log: () => {},
    });
    try {
      expect(a.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
      expect(a.token).not.toBe(server.token);
      expect(b.token).toBe('given-token');
    } finally {
      await a.close();
      await b.close();
    }
  });
});
