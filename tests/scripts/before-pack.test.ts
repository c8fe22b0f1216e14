/** The packaging guard (scripts/before-pack.mjs): a package is built on the platform it is for. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import builder from 'electron-builder';
import beforePack from '../../scripts/before-pack.mjs';

const projectDir = join(import.meta.dirname, '../..');
const context = (electronPlatformName: string, arch: string) => ({
  electronPlatformName,
  arch: builder.Arch[arch as keyof typeof builder.Arch],
  packager: { projectDir },
});

describe('beforePack', () => {
  it("lets this platform's package through", async () => {
    await expect(beforePack(context(process.platform, process.arch))).resolves.toBeUndefined();
  });

  it.each(['linux', 'darwin', 'win32'].filter((p) => p !== process.platform))(
    'refuses to build the %s package here (its ONNX Runtime binaries would be missing)',
    async (platform) => {
      await expect(beforePack(context(platform, 'x64'))).rejects.toThrow(
        `build the ${platform} package on ${platform}`,
      );
    },
  );

  it('refuses an architecture onnxruntime-node ships no binaries for', async () => {
    await expect(beforePack(context(process.platform, 'ia32'))).rejects.toThrow(/ships no .*ia32 binaries/);
  });
});
