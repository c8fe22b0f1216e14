/**
 * The window's origin. The renderer is served from a privileged custom scheme rather than
 * file:// (Electron's security checklist, #18): app://lab/ is a secure, standard origin
 * whose only files are those of dist/renderer, so 'self' in the CSP means exactly them.
 */
export const appScheme = 'app';
export const appHost = 'lab';
export const appOrigin = `${appScheme}://${appHost}`;
export const appIndexUrl = `${appOrigin}/index.html`;

/** Whether a URL belongs to the window's own origin. */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${appScheme}:` && parsed.host === appHost;
  } catch {
    return false;
  }
}
