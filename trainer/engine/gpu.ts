/**
 * The GPU rung's first half: which of ONNX Runtime's GPU execution providers to try on this
 * platform, whether the user turned the rung off (EBM_LAB_GPU), and whether an adapter is
 * really there (a one-node program compiled wholly on the provider and run). The second half,
 * checking a lab's own first steps against the CPU, is checked-engine.ts.
 *
 * Order, best first, among the providers onnxruntime-node's package for the platform bundles
 * (ort.listSupportedBackends()): Windows 'dml' (DirectML, on every DirectX 12 GPU) then
 * 'webgpu' (Dawn on D3D12); macOS 'webgpu' (Dawn on Metal, float32) then 'coreml' (which may
 * compute in float16 on the GPU and Neural Engine); Linux 'webgpu' (Dawn on Vulkan). CUDA is not
 * in the npm package (see README, "GPU").
 *
 * Dawn also offers software adapters (Mesa's lavapipe on Linux), which run slower than ONNX
 * Runtime's own CPU kernels: on Linux they are hidden from the Vulkan loader unless
 * EBM_LAB_GPU=software (the tests and CI use it, there is no GPU there). Dawn keeps its first
 * answer for the life of the process, so the probe runs once per process.
 */
import { createGraph } from '../../models/graph/builder.js';
import { toOnnx } from '../../models/graph/onnx.js';
import { sayBackend } from '../../protocol/backend-reasons.js';
import { GPU_ENV } from '../../protocol/engines.js';
import type { Said } from '../../protocol/texts.js';

export { GPU_ENV };

/** onnxruntime-node's module (onnx-engine.ts loads it). */
export type Ort = typeof import('onnxruntime-node');

export type GpuProvider = 'webgpu' | 'dml' | 'coreml' | 'cuda';

/**
 * EBM_LAB_GPU: 'off' (or 0, no, false, cpu), 'software' (also use software adapters), 'cuda'
 * (try ONNX Runtime's CUDA provider first: for those who downloaded it, README "GPU"), else auto.
 */
export type GpuSetting = 'auto' | 'off' | 'software' | 'cuda';

export function gpuSetting(env: NodeJS.ProcessEnv = process.env): GpuSetting {
  const value = (env[GPU_ENV] ?? '').trim().toLowerCase();
  if (['off', '0', 'no', 'false', 'cpu'].includes(value)) return 'off';
  if (value === 'software' || value === 'cuda') return value;
  return 'auto';
}

/**
 * The GPU providers to try on `platform`, best first, among those the package bundles; with
 * `cuda`, CUDA first on Linux and Windows (its binaries are a separate download, never bundled).
 */
export function gpuProviders(
  platform: NodeJS.Platform,
  bundled: readonly string[],
  cuda = false,
): GpuProvider[] {
  const order: Partial<Record<NodeJS.Platform, GpuProvider[]>> = {
    win32: ['dml', 'webgpu'],
    darwin: ['webgpu', 'coreml'],
    linux: ['webgpu'],
  };
  const withCuda: GpuProvider[] = cuda && (platform === 'linux' || platform === 'win32') ? ['cuda'] : [];
  return [...withCuda, ...(order[platform] ?? []).filter((p) => bundled.includes(p))];
}

/** What a provider is called in the backend line. */
export const providerLabel: Readonly<Record<GpuProvider, string>> = {
  webgpu: 'WebGPU',
  dml: 'DirectML',
  coreml: 'CoreML',
  cuda: 'CUDA',
};

/** The Vulkan loader's pattern for Mesa's software driver (lvp_icd.json, lvp_icd.x86_64.json). */
const SOFTWARE_VULKAN = '*lvp_icd*';

/**
 * Session options that keep a whole program on `provider`: ONNX Runtime would otherwise put
 * nodes the provider lacks on the CPU without a word; with the fallback disabled, creating
 * the session fails and names them.
 */
export function gpuSessionOptions(
  provider: GpuProvider,
  /** Test hook: nodes WebGPU is to leave to the CPU, as if it lacked their ops. */
  forceCpuNodeNames?: readonly string[],
): Record<string, unknown> {
  const ep = forceCpuNodeNames && provider === 'webgpu' ? { name: provider, forceCpuNodeNames } : provider;
  return {
    executionProviders: [ep],
    // DirectML needs these two (ONNX Runtime's DirectML notes); harmless elsewhere.
    ...(provider === 'dml' ? { enableMemPattern: false, executionMode: 'sequential' } : {}),
    logSeverityLevel: 4, // the failure is reported (cpuPlacedNodes), not logged
    extra: { session: { disable_cpu_ep_fallback: '1' } },
  };
}

export type GpuProbe =
  | { readonly ok: true; readonly provider: GpuProvider; readonly softwareAllowed: boolean }
  | { readonly ok: false; readonly why: Said };

/** ONNX Runtime's words in an error, without the source location it starts with. */
export function ortMessage(error: unknown): string {
  const text = (error instanceof Error ? error.message : String(error)).trim();
  const line = text.split('\n')[0] ?? text;
  const said = line.match(/ was false\. (.*)$/)?.[1] ?? line.replace(/^\/\S+:\d+ \S+ /, '');
  return said.trim();
}

/**
 * The nodes ONNX Runtime would place on the CPU if `provider` ran this model with the CPU
 * fallback allowed, e.g. ['Exp (Exp_12)']: its error with the fallback disabled does not name
 * them, and its verbose log, which does, goes straight to the process's stderr, so a child
 * Node process compiles the model once more and its log is read. Empty when that fails.
 */
export async function cpuPlacedNodes(
  bytes: Uint8Array,
  provider: GpuProvider,
  forceCpuNodeNames?: readonly string[],
): Promise<string[]> {
  const { execFile } = await import('node:child_process');
  const { mkdtemp, rm, writeFile } = await import('node:fs/promises');
  const { createRequire } = await import('node:module');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { pathToFileURL } = await import('node:url');
  const dir = await mkdtemp(join(tmpdir(), 'ebm-lab-placement-'));
  try {
    const model = join(dir, 'model.onnx');
    await writeFile(model, bytes);
    const ortUrl = pathToFileURL(createRequire(import.meta.url).resolve('onnxruntime-node')).href;
    const options = {
      ...gpuSessionOptions(provider, forceCpuNodeNames),
      logSeverityLevel: 0,
      logVerbosityLevel: 0,
      extra: { session: { disable_cpu_ep_fallback: '0' } },
    };
    const script = `const ort = await import(${JSON.stringify(ortUrl)});
await ort.InferenceSession.create(${JSON.stringify(model)}, ${JSON.stringify(options)});`;
    const log = await new Promise<string>((resolve) => {
      execFile(
        process.execPath,
        ['--input-type=module', '-e', script],
        { env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, timeout: 120_000, maxBuffer: 64 << 20 },
        (_error, stdout, stderr) => resolve(`${stdout}\n${stderr}`),
      );
    });
    const nodes: string[] = [];
    let onCpu = false;
    for (const line of log.split('\n')) {
      if (!line.includes('VerifyEachNodeIsAssignedToAnEp]')) continue;
      const placed = line.match(/Node\(s\) placed on \[(\w+)\]/);
      if (placed) onCpu = placed[1] === 'CPUExecutionProvider';
      else if (onCpu) {
        const node = line.match(/\]\s{3}(\S.*)$/)?.[1];
        if (node) nodes.push(node.trim());
      }
    }
    return nodes;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** One program (y = x + 1, s = Σx) that every provider compiles: a real adapter runs it. */
async function tryProvider(ort: Ort, provider: GpuProvider): Promise<string | null> {
  const g = createGraph();
  const x = g.input('x', [4]);
  g.output('y', g.add(x, g.constant(1)));
  g.output('s', g.sum(x));
  try {
    const session = await ort.InferenceSession.create(toOnnx(g, ['y', 's']), gpuSessionOptions(provider));
    const out = await session.run({ x: new ort.Tensor('float32', Float32Array.of(1, 2, 3, 4), [4]) });
    await session.release();
    const y = Array.from(out.y?.data as Float32Array);
    const s = (out.s?.data as Float32Array)[0];
    if (y.join() !== '2,3,4,5' || s !== 10) return `a test program gave ${y} and ${s}, not 2,3,4,5 and 10`;
    return null;
  } catch (error) {
    return ortMessage(error);
  }
}

/** Whether Linux shows a GPU a hardware Vulkan driver could open (DRM render node, NVIDIA's device, WSL2's). */
async function linuxGpuDevice(): Promise<boolean> {
  const { readdir, stat } = await import('node:fs/promises');
  const render = await readdir('/dev/dri').then(
    (names) => names.some((n) => n.startsWith('renderD')),
    () => false,
  );
  const exists = (path: string) =>
    stat(path).then(
      () => true,
      () => false,
    );
  return render || (await exists('/dev/nvidia0')) || (await exists('/dev/dxg'));
}

let probed: Promise<GpuProbe> | null = null;

/**
 * The first GPU provider that really runs here, once per process (Dawn keeps its first
 * answer); `setting` 'software' also admits software adapters (the first probe's setting wins).
 */
export function probeGpu(
  ort: Ort,
  setting: Exclude<GpuSetting, 'off'>,
  platform: NodeJS.Platform = process.platform,
): Promise<GpuProbe> {
  probed ??= (async (): Promise<GpuProbe> => {
    const providers = gpuProviders(
      platform,
      ort.listSupportedBackends().map((b) => b.name),
      setting === 'cuda',
    );
    if (providers.length === 0) {
      return { ok: false, why: sayBackend('gpuNoProvider', { platform }) };
    }
    const software = setting === 'software';
    if (platform === 'linux' && !software && !(await linuxGpuDevice())) {
      // Nothing for a hardware driver to open: skip Dawn, whose loader errors would only alarm.
      return { ok: false, why: sayBackend('gpuNoDevice') };
    }
    if (platform === 'linux') {
      // Dawn prints warnings when this is unset; point it at a private temporary folder.
      process.env.XDG_RUNTIME_DIR ??= (await import('node:os')).tmpdir();
      if (!software && process.env.VK_LOADER_DRIVERS_DISABLE === undefined) {
        process.env.VK_LOADER_DRIVERS_DISABLE = SOFTWARE_VULKAN;
      }
    }
    const failures: string[] = [];
    for (const provider of providers) {
      const why = await tryProvider(ort, provider);
      if (why === null) return { ok: true, provider, softwareAllowed: software };
      failures.push(`${providerLabel[provider]}: ${why}`);
    }
    const hidden = software || platform !== 'linux' ? '' : sayBackend('gpuSoftwareHidden');
    return { ok: false, why: sayBackend('gpuNoAdapter', { hidden, failures: failures.join('; ') }) };
  })();
  return probed;
}
