/** The version of EBM Lab, from the package.json above this file (source or dist/). */
import { readFileSync } from 'node:fs';

export function readVersion(): string {
  for (const up of ['../package.json', '../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(up, import.meta.url), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === 'ebm-lab' && pkg.version) return pkg.version;
    } catch {
      // not here; try one level up
    }
  }
  return '0.0.0';
}
