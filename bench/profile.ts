/**
 * Where the time of one training step goes: tf.profile's per-kernel times, averaged over a
 * few profiled steps, grouped by kernel and input shapes, and by kind (matrix products,
 * transposes, the rest: element-wise ops, reductions, the optimizer's arithmetic).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { MeasuredValue } from './harness.js';

/** A line of the profile: a measurement without its bench and backend (the caller's). */
export type ProfileLine = MeasuredValue;

const TOP = 12;

function kindOf(kernel: string): string {
  if (kernel === 'BatchMatMul' || kernel === '_FusedMatMul') return 'matmul';
  if (kernel === 'Transpose') return 'transpose';
  return 'elementwise+reduce';
}

/** Profiles `repeats` calls of `step` (after one unprofiled call) and summarises the kernels. */
export async function profileStep(step: () => unknown, repeats: number): Promise<ProfileLine[]> {
  step();
  const byKernel = new Map<string, { kernel: string; shapes: string; ms: number; calls: number }>();
  let wall = 0;
  let kernelCount = 0;
  for (let r = 0; r < repeats; r++) {
    const start = performance.now();
    const info = await tf.profile(() => {
      step();
    });
    wall += performance.now() - start;
    for (const k of info.kernels) {
      if (k.name.endsWith('__op')) continue; // op-level wrappers around the kernels below
      const ms = typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0;
      const shapes = JSON.stringify(k.inputShapes);
      const key = `${k.name} ${shapes}`;
      const entry = byKernel.get(key) ?? { kernel: k.name, shapes, ms: 0, calls: 0 };
      entry.ms += ms / repeats;
      entry.calls += 1 / repeats;
      byKernel.set(key, entry);
      kernelCount += 1 / repeats;
    }
  }
  const entries = [...byKernel.values()].sort((a, b) => b.ms - a.ms);
  const total = entries.reduce((s, e) => s + e.ms, 0);
  const byKind = new Map<string, number>();
  for (const e of entries) byKind.set(kindOf(e.kernel), (byKind.get(kindOf(e.kernel)) ?? 0) + e.ms);
  const line = (metric: string, value: number, extra: Record<string, unknown> = {}): ProfileLine => ({
    metric,
    value: Number(value.toFixed(4)),
    unit: 'ms',
    runs: repeats,
    median: Number(value.toFixed(4)),
    stat: 'mean over the profiled steps',
    ...extra,
  });
  return [
    line('profiled_step_ms', wall / repeats, { kernels: Math.round(kernelCount) }),
    line('kernel_ms_total', total),
    ...[...byKind].map(([kind, ms]) =>
      line('kernel_ms_by_kind', ms, { kind, share: Number((ms / total).toFixed(3)) }),
    ),
    ...entries.slice(0, TOP).map((e, rank) =>
      line('kernel_ms', e.ms, {
        rank: rank + 1,
        kernel: e.kernel,
        inputShapes: e.shapes,
        calls: Math.round(e.calls),
      }),
    ),
  ];
}
