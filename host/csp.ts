/**
 * The Content-Security-Policy of EBM Lab's page, in one place for both transports: the
 * Electron window (app:// protocol responses) and browser mode (HTTP responses). Scripts only
 * from our own origin (plus WebAssembly compilation for TensorFlow.js's wasm backend), inline
 * styles allowed because KaTeX and Svelte set style attributes, no plugins, no <base>, no
 * framing. Browser mode adds its WebSocket origin to connect-src.
 */

export interface CspOptions {
  /** Extra connect-src sources, e.g. the browser-mode WebSocket `ws://127.0.0.1:5173`. */
  readonly connect?: readonly string[];
}

export function contentSecurityPolicy(options: CspOptions = {}): string {
  const directives: readonly (readonly [string, string])[] = [
    ['default-src', "'self'"],
    ['script-src', "'self' 'wasm-unsafe-eval'"],
    ['style-src', "'self' 'unsafe-inline'"],
    ['img-src', "'self' data: blob:"],
    ['font-src', "'self' data:"],
    ['connect-src', ["'self'", ...(options.connect ?? [])].join(' ')],
    ['object-src', "'none'"],
    ['base-uri', "'none'"],
    ['form-action', "'none'"],
    ['frame-ancestors', "'none'"],
  ];
  return directives.map(([name, value]) => `${name} ${value}`).join('; ');
}

/** The policy of the Electron window: no network at all beyond its own app:// origin. */
export const electronCsp = contentSecurityPolicy();

/** Headers every browser-mode and app:// response carries besides the CSP. */
export const securityHeaders: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Resource-Policy': 'same-origin',
};
