/**
 * A copy of bench/tfjs-esm-hooks.mjs for the trainer process (trainer/register-gradients.ts).
 * A Node module-resolution hook for the ES-module build of @tensorflow/tfjs-core
 * (dist/*.js), whose relative imports have no file extension (written for bundlers).
 * Needed only to load dist/register_all_gradients.js in plain Node: the CommonJS bundle
 * that `import '@tensorflow/tfjs-core'` gives registers no gradients. Gradient and kernel
 * registries are process-global, so registering from this second copy serves the first.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ESM_DIST = '/@tensorflow/tfjs-core/dist/';

function isEsmDistFile(url) {
  return url.includes(ESM_DIST) && url.endsWith('.js') && !/\/tf-core\.[^/]*js$/.test(url);
}

export async function resolve(specifier, context, nextResolve) {
  const parent = context.parentURL ?? '';
  if (parent.includes(ESM_DIST) && specifier.startsWith('.') && !specifier.endsWith('.js')) {
    const url = new URL(`${specifier}.js`, parent);
    if (existsSync(fileURLToPath(url))) return { url: url.href, format: 'module', shortCircuit: true };
  }
  const resolved = await nextResolve(specifier, context);
  return isEsmDistFile(resolved.url) ? { ...resolved, format: 'module' } : resolved;
}
