/**
 * The Electron fuses that `npm run dist` flips (package.json build.electronFuses). Packaging
 * cannot run here (no Electron binary), so the config is checked twice: by name, and by
 * passing it through electron-builder's own fuse step (app-builder-lib's generateFuseConfig,
 * then @electron/fuses' flipFuses, the versions electron-builder resolves) onto a stand-in
 * binary that carries Electron's fuse wire with Electron's defaults.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
/** Packages resolved as electron-builder resolves them, not whatever copy the project might hoist. */
const fromBuilder = createRequire(createRequire(join(root, 'package.json')).resolve('electron-builder'));
const packageJson: unknown = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

function buildConfig(): Record<string, unknown> {
  if (typeof packageJson !== 'object' || packageJson === null || !('build' in packageJson)) {
    throw new Error('package.json has no build section');
  }
  const build = packageJson.build;
  if (typeof build !== 'object' || build === null) throw new Error('package.json build is not an object');
  return build as Record<string, unknown>;
}

function fuseOptions(): Record<string, unknown> {
  const fuses = buildConfig().electronFuses;
  if (typeof fuses !== 'object' || fuses === null) throw new Error('package.json build has no electronFuses');
  return fuses as Record<string, unknown>;
}

/** What each fuse must be in a packaged app, in electron-builder's FuseOptionsV1 names. */
const required: [name: string, value: boolean, why: string][] = [
  ['runAsNode', false, 'ELECTRON_RUN_AS_NODE must not turn the app into a plain Node'],
  ['enableNodeOptionsEnvironmentVariable', false, 'NODE_OPTIONS (and NODE_EXTRA_CA_CERTS) ignored'],
  ['enableNodeCliInspectArguments', false, '--inspect and SIGUSR1 cannot attach a debugger'],
  ['onlyLoadAppFromAsar', true, 'only app.asar, never an app/ folder beside it'],
  ['enableEmbeddedAsarIntegrityValidation', true, 'app.asar checked against its hash (macOS, Windows)'],
  ['grantFileProtocolExtraPrivileges', false, 'the page is served on app://, not file://'],
];

describe('package.json build.electronFuses', () => {
  it.each(required)('sets %s to %s (%s)', (name, value) => {
    expect(fuseOptions()[name]).toBe(value);
  });

  it('names only fuses electron-builder knows (its FuseOptionsV1 schema)', () => {
    const schema = fromBuilder('app-builder-lib/scheme.json') as {
      definitions: { FuseOptionsV1: { properties: Record<string, unknown> } };
    };
    const known = Object.keys(schema.definitions.FuseOptionsV1.properties);
    expect(known).toEqual(expect.arrayContaining(required.map(([name]) => name)));
    expect(Object.keys(fuseOptions()).filter((name) => !known.includes(name))).toEqual([]);
  });

  it('packages the app into an asar, with its integrity recorded (the fuses above rely on both)', () => {
    const build = buildConfig();
    expect(build.asar).toBe(true);
    expect(build.disableAsarIntegrity ?? false).toBe(false);
  });
});

describe('the fuses electron-builder flips with that config', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ebm-fuses-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const fromLib = createRequire(fromBuilder.resolve('app-builder-lib'));
  const builderLib = fromBuilder('app-builder-lib') as {
    PlatformPackager: { prototype: { generateFuseConfig(fuses: unknown): Promise<unknown> } };
  };
  const fuses = fromLib('@electron/fuses') as typeof import('@electron/fuses');

  const sentinel = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
  /** Electron's default wire (fuse version 1, 8 fuses, '1' on and '0' off), in FuseV1Options order. */
  const defaults = '10110001';
  const order = [
    'RunAsNode',
    'EnableCookieEncryption',
    'EnableNodeOptionsEnvironmentVariable',
    'EnableNodeCliInspectArguments',
    'EnableEmbeddedAsarIntegrityValidation',
    'OnlyLoadAppFromAsar',
    'LoadBrowserProcessSpecificV8Snapshot',
    'GrantFileProtocolExtraPrivileges',
  ] as const;

  it('leaves the stand-in binary with runAsNode, NODE_OPTIONS and --inspect off and the asar checks on', async () => {
    expect(order.map((name) => fuses.FuseV1Options[name])).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    const binary = join(dir, 'ebm-lab');
    writeFileSync(
      binary,
      Buffer.concat([
        Buffer.from('\x7fELF stand-in'),
        Buffer.from(sentinel),
        Buffer.from([1, defaults.length]),
        Buffer.from(defaults),
        Buffer.from('rest of the binary'),
      ]),
    );
    const config = await builderLib.PlatformPackager.prototype.generateFuseConfig.call(null, fuseOptions());
    await fuses.flipFuses(binary, config as Parameters<typeof fuses.flipFuses>[1]);

    const after = readFileSync(binary, 'latin1');
    const at = after.indexOf(sentinel) + sentinel.length + 2;
    const wire = Object.fromEntries(order.map((name, i) => [name, after[at + i]]));
    expect(wire).toEqual({
      RunAsNode: '0',
      EnableCookieEncryption: '0',
      EnableNodeOptionsEnvironmentVariable: '0',
      EnableNodeCliInspectArguments: '0',
      EnableEmbeddedAsarIntegrityValidation: '1',
      OnlyLoadAppFromAsar: '1',
      LoadBrowserProcessSpecificV8Snapshot: '0',
      GrantFileProtocolExtraPrivileges: '0',
    });
    expect(after.endsWith('rest of the binary')).toBe(true);
  });
});
