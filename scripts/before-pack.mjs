/**
 * electron-builder's beforePack hook (package.json build.beforePack). The build's files keep
 * ONNX Runtime's binaries for one platform and architecture only, through the ${platform} and
 * ${arch} macros of build.files; ${platform} is the platform electron-builder runs on (Node's
 * process.platform), not the target's. So each package is built on the platform it is for: a
 * cross-platform build, or a target whose binaries onnxruntime-node does not ship, stops here
 * with a sentence instead of producing an app that cannot train.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import builder from 'electron-builder';

/**
 * @param {{ electronPlatformName: string, arch: number, packager: { projectDir: string } }} context
 */
export default async function beforePack(context) {
  const platform = context.electronPlatformName;
  const arch = builder.Arch[context.arch];
  if (platform !== process.platform) {
    throw new Error(
      `EBM Lab packages ONNX Runtime's binaries for the platform it is built on (${process.platform}): build the ${platform} package on ${platform} (README, "Desktop app").`,
    );
  }
  const binaries = join(
    context.packager.projectDir,
    'node_modules/onnxruntime-node/bin/napi-v6',
    platform,
    arch,
  );
  if (!existsSync(binaries)) {
    throw new Error(
      `onnxruntime-node ships no ${platform}/${arch} binaries (${binaries}): EBM Lab cannot train there.`,
    );
  }
}
