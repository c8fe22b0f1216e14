/**
 * The layout docs/ARCHITECTURE.md promises, checked on the source: one folder per lab in each
 * layer, no lab importing another lab, shared roots importing no lab (except the registries),
 * and no import circles.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const layers = ['models', 'protocol', 'trainer', 'host', 'renderer'] as const;
const labNames = ['vae', 'energy', 'dae', 'sparse', 'conv', 'contrastive'] as const;
/** Files allowed to name every lab. */
const registries = new Set([
  'protocol/labs.ts',
  'trainer/labs.ts',
  'host/cli-labs.ts',
  'renderer/labs/registry.ts',
]);

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = `${dir}/${name}`;
    if (statSync(join(root, path)).isDirectory()) return sourceFiles(path);
    return /\.(ts|svelte)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Relative imports of a file, resolved to repository paths (".js" → ".ts" where that exists). */
function importsOf(file: string, known: ReadonlySet<string>): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  const specs = [...text.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)].map((m) => m[1]!);
  return specs.flatMap((spec) => {
    const target = relative(root, resolve(root, dirname(file), spec)).replaceAll('\\', '/');
    const ts = target.replace(/\.js$/, '.ts');
    if (known.has(ts)) return [ts];
    return known.has(target) ? [target] : [];
  });
}

/** The lab whose slice holds a file, or null for a shared file. */
function labOf(file: string): string | null {
  const parts = file.split('/');
  const slice = parts[0] === 'renderer' ? (parts[1] === 'labs' ? parts[2] : undefined) : parts[1];
  return labNames.find((lab) => lab === slice && parts.length > (parts[0] === 'renderer' ? 3 : 2)) ?? null;
}

const files = layers.flatMap(sourceFiles);
const known = new Set(files);
const graph = new Map(files.map((f) => [f, importsOf(f, known)]));

describe('one slice per lab in every layer', () => {
  it('finds the files and their imports (the checks below see the whole tree)', () => {
    expect(files.length).toBeGreaterThan(200);
    expect(graph.get('trainer/labs.ts')).toContain('trainer/vae/lab.ts');
  });

  it('every lab has its folder in models (or shares one), protocol, trainer, host and renderer', () => {
    for (const lab of labNames) {
      for (const layer of ['protocol', 'trainer', 'host'] as const)
        expect(
          files.some((f) => f.startsWith(`${layer}/${lab}/`)),
          `${layer}/${lab}/`,
        ).toBe(true);
      expect(
        files.some((f) => f.startsWith(`renderer/labs/${lab}/`)),
        `renderer/labs/${lab}/`,
      ).toBe(true);
    }
  });

  it('no lab imports another lab, and shared files import no lab but through a registry', () => {
    const wrong: string[] = [];
    for (const [file, targets] of graph) {
      const from = labOf(file);
      for (const target of targets) {
        const to = labOf(target);
        if (to === null || to === from) continue;
        if (from === null && registries.has(file)) continue;
        wrong.push(`${file} → ${target}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('has no import circles', () => {
    const state = new Map<string, 'open' | 'done'>();
    const circles: string[] = [];
    const visit = (file: string, path: string[]): void => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        circles.push([...path.slice(path.indexOf(file)), file].join(' → '));
        return;
      }
      state.set(file, 'open');
      for (const target of graph.get(file) ?? []) visit(target, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of files) visit(file, []);
    expect(circles).toEqual([]);
  });
});
