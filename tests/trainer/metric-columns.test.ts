/**
 * Every lab's metrics events use only the columns its protocol declares
 * (protocol/<lab>/metrics.ts), train and test apart, and its train points carry its headline.
 * One tiny run per lab through a real trainer over an in-memory port.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contrastivePresets } from '../../protocol/contrastive/config.js';
import { convPresets } from '../../protocol/conv/config.js';
import { defaultDenoiserConfig } from '../../protocol/dae/config.js';
import { tinyEnergyConfig } from '../../protocol/energy/config.js';
import { labs, type StartSpec } from '../../protocol/labs.js';
import { headlineOf } from '../../protocol/metrics.js';
import type { MetricsEvent, TrainerEvent } from '../../protocol/messages.js';
import { sparsePresets } from '../../protocol/sparse/config.js';
import { vaePresets } from '../../protocol/vae/config.js';
import { createTrainer } from '../../trainer/trainer-core.js';

const specs: readonly [string, StartSpec][] = [
  ['vae', { lab: 'vae', config: vaePresets.tiny }],
  ['ae', { lab: 'vae', config: { ...vaePresets.tiny, variant: 'ae' } }],
  ['energy', { lab: 'energy', config: { ...tinyEnergyConfig, method: 'pcd' } }],
  ['dae', { lab: 'dae', config: { ...defaultDenoiserConfig, hiddenDim: 16, epochs: 1 } }],
  [
    'sparse (LISTA)',
    { lab: 'sparse', config: { ...sparsePresets.tiny, epochs: 1, task: 'lista', listaIterations: 4 } },
  ],
  ['conv', { lab: 'conv', config: convPresets.tiny }],
  ['contrastive', { lab: 'contrastive', config: { ...contrastivePresets.tiny, epochs: 1 } }],
];

async function metricsOf(spec: StartSpec): Promise<MetricsEvent[]> {
  const runDir = await mkdtemp(join(tmpdir(), 'ebm-columns-'));
  const events: TrainerEvent[] = [];
  let deliver: (message: unknown) => void = () => {};
  const trainer = createTrainer({ post: (e) => events.push(e), onMessage: (l) => (deliver = l) });
  deliver({ type: 'start', runId: 'run-1', runDir, ...spec });
  const done = await trainer.finished;
  expect(done.reason, done.message).toBe('completed');
  return events.filter((e): e is MetricsEvent => e.type === 'metrics');
}

describe("each lab's metric columns", () => {
  it.each(specs)('%s emits only its declared columns, and its headline', async (_, spec) => {
    const declared = labs[spec.lab].metrics;
    const events = await metricsOf(spec);
    const train = events.filter((e) => e.split === 'train');
    const test = events.filter((e) => e.split === 'test');
    expect(train.length).toBeGreaterThan(0);
    for (const e of train) expect(declared.train).toEqual(expect.arrayContaining(Object.keys(e.columns)));
    for (const e of test) expect(declared.test).toEqual(expect.arrayContaining(Object.keys(e.columns)));
    for (const e of train) expect(headlineOf(declared, e.columns)).toBeDefined();
    if (declared.test.length === 0) expect(test).toEqual([]);
  });
});
