/**
 * The per-launch token of browser mode. The first page load carries it as `?token=`; the
 * answer sets it as an HttpOnly, SameSite=Strict cookie, so later requests (assets, the /ws
 * upgrade) need no query. Tokens are compared in constant time (of their SHA-256 digests, so
 * that lengths leak nothing either). The cookie's name carries the port: two labs on the same
 * machine do not overwrite each other's cookie (cookies ignore ports).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** 192 random bits, URL-safe. */
export function createToken(): string {
  return randomBytes(24).toString('base64url');
}

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

export function tokensEqual(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

export function cookieName(port: number): string {
  return `ebm-lab-token-${port}`;
}

export function sessionCookie(port: number, token: string): string {
  return `${cookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}

/** The value of one cookie in a Cookie header, or null. */
export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const at = part.indexOf('=');
    if (at < 0) continue;
    if (part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return null;
}

export type Credential = 'query' | 'cookie' | null;

/** How a request proves it knows the token: by its query, its cookie, or not at all. */
export function credentialOf(req: IncomingMessage, url: URL, token: string, port: number): Credential {
  const fromQuery = url.searchParams.get('token');
  if (fromQuery !== null && tokensEqual(fromQuery, token)) return 'query';
  const fromCookie = readCookie(req.headers.cookie, cookieName(port));
  if (fromCookie !== null && tokensEqual(fromCookie, token)) return 'cookie';
  return null;
}

const HOST = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/** The request's Host header when it is a plain host[:port], else null. */
export function hostHeader(req: IncomingMessage): string | null {
  const host = req.headers.host;
  return typeof host === 'string' && HOST.test(host) ? host : null;
}

/**
 * Whether a WebSocket upgrade comes from the page we served: a browser always sends Origin,
 * and it must be this very host. Clients that are not browsers (tests, scripts) send none;
 * they still need the token.
 */
export function originAllowed(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  const host = hostHeader(req);
  return host !== null && (origin === `http://${host}` || origin === `https://${host}`);
}

/** The names a browser on this machine uses for a loopback server. */
const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

/**
 * Whether the request's Host header names this server: the second layer against DNS
 * rebinding (a page of evil.example.com whose name is made to resolve to 127.0.0.1 sends
 * Host: evil.example.com). Bound to a loopback or a given address, only that address and the
 * loopback names, with the port, pass; bound to every interface (0.0.0.0, ::), the machine's
 * names are not known, so any well-formed Host passes (the token still guards it).
 */
export function hostAllowed(req: IncomingMessage, bindHost: string, port: number): boolean {
  const host = hostHeader(req);
  if (host === null) return false;
  if (bindHost === '0.0.0.0' || bindHost === '::' || bindHost === '') return true;
  const bound = bindHost.includes(':') ? `[${bindHost}]` : bindHost;
  const names = new Set([...LOOPBACK_NAMES, bound.toLowerCase()]);
  const lower = host.toLowerCase();
  for (const name of names) {
    if (lower === `${name}:${port}`) return true;
    if (port === 80 && lower === name) return true;
  }
  return false;
}
