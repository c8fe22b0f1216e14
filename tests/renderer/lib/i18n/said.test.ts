/**
 * The protocol's coded sentences in the window's language: a field error the parser gives is
 * worded from the catalogue (the field's label from the catalogue, numbers with a decimal
 * comma in Italian, a nested clause worded on its own), English byte for byte the CLI's
 * message, and a code no catalogue has shown as its English.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { checkConvSizes } from '../../../../protocol/conv/config.js';
import { sayConv } from '../../../../protocol/conv/texts.js';
import { parseSparseConfig, sparsePresets } from '../../../../protocol/sparse/config.js';
import { parseVaeConfig, vaePresets } from '../../../../protocol/vae/config.js';
import { contrastivePresets } from '../../../../protocol/contrastive/config.js';
import { convPresets } from '../../../../protocol/conv/config.js';
import { defaultDenoiserConfig } from '../../../../protocol/dae/config.js';
import { defaultEnergyConfig } from '../../../../protocol/energy/config.js';
import { describeRun, runLabel, type StartSpec } from '../../../../protocol/labs.js';
import { sayBackend, threadsWord } from '../../../../protocol/backend-reasons.js';
import { backendReason, word } from '../../../../renderer/lib/i18n/said.js';
import { useLanguage } from '../../../../renderer/lib/i18n/translate.js';
import { errorsByField } from '../../../../renderer/lib/form.js';

afterEach(() => useLanguage(() => 'en'));
const italian = () => useLanguage(() => 'it');

const errorsOf = <T>(result: { ok: true; value: T } | { ok: false; errors: readonly unknown[] }) => {
  if (result.ok) throw new Error('expected a refusal');
  return result.errors as Parameters<typeof errorsByField>[0];
};

describe('a coded sentence in the window', () => {
  it('is the CLI’s English in English', () => {
    const errors = errorsOf(parseSparseConfig({ lambda: 0, batchSize: 2.5, task: 'x' }));
    for (const e of errors) expect(word(e, 'sparse')).toBe(e.message);
    expect(errorsByField(errors, 'sparse').lambda).toBe(
      'λ (sparsity) (lambda) must be a number greater than 0 and at most 100; got 0.',
    );
  });

  it('is Italian in Italian: the catalogue’s label, a decimal comma, the value given', () => {
    const [error] = errorsOf(parseVaeConfig({ beta: 0.5, learningRate: 1.5 }));
    italian();
    expect(word(error!, 'vae')).toBe(
      'tasso di apprendimento (learningRate) deve essere un numero maggiore di 0 e al più 1; valore dato: 1,5.',
    );
    const lambda = errorsOf(parseSparseConfig({ lambda: 0 }));
    expect(errorsByField(lambda, 'sparse').lambda).toMatch(/^λ \(sparsità\) \(lambda\) deve essere .* 0\.$/);
  });

  it('words a nested clause by its own code', () => {
    const clash = checkConvSizes({ kernelSize: 9, imageSize: 64 }, 28, sayConv('convTheMnist'));
    expect(clash && word(clash, 'conv')).toBe(
      'Crops of 64×64 (image size) are larger than the MNIST digits (smallest side 28 px); choose an image size of at most 28.',
    );
    italian();
    expect(clash && word(clash, 'conv')).toBe(
      'I ritagli di 64×64 (lato dell’immagine) superano le cifre MNIST (lato più corto 28 px); scegli un lato dell’immagine al più 28.',
    );
  });

  it('words why a run trains on its rung, the English reason where there is no code', () => {
    const ort = sayBackend('backendOrt', { version: '1.22.0', threads: threadsWord(4), asked: '' });
    const backend = { name: 'onnxruntime', reason: ort.message, why: ort } as const;
    expect(backendReason(backend)).toBe(
      'onnxruntime-node 1.22.0 runs the compiled training step and views on the CPU, 4 threads',
    );
    italian();
    expect(backendReason(backend)).toBe(
      'onnxruntime-node 1.22.0 esegue sulla CPU il passo di addestramento compilato e le viste, con 4 thread',
    );
    expect(backendReason({ name: 'cpu', reason: 'as an older run wrote it' })).toBe(
      'as an older run wrote it',
    );
    // A machine without a GPU device: the CPU rung says why it is not on the GPU, all in Italian.
    const noGpu = sayBackend('backendNotOnGpu', { cpu: ort, why: sayBackend('gpuNoDevice') });
    expect(backendReason({ name: 'onnxruntime', reason: noGpu.message, why: noGpu })).toBe(
      'onnxruntime-node 1.22.0 esegue sulla CPU il passo di addestramento compilato e le viste, con 4 thread (non sulla GPU: nessun dispositivo GPU (né nodo di rendering /dev/dri, né /dev/nvidia0 o /dev/dxg))',
    );
  });

  it('names a run in the window’s language, English byte for byte the run list’s label', () => {
    const specs: StartSpec[] = [
      ...Object.values(vaePresets).map((config) => ({ lab: 'vae' as const, config })),
      { lab: 'energy', config: defaultEnergyConfig },
      { lab: 'energy', config: { ...defaultEnergyConfig, data: 'drawn', points: [0, 0, 1, 1, 2, 0] } },
      { lab: 'dae', config: defaultDenoiserConfig },
      ...Object.values(sparsePresets).map((config) => ({ lab: 'sparse' as const, config })),
      ...Object.values(convPresets).map((config) => ({ lab: 'conv' as const, config })),
      ...Object.values(contrastivePresets).map((config) => ({ lab: 'contrastive' as const, config })),
    ];
    for (const spec of specs) expect(word(runLabel(spec))).toBe(describeRun(spec));
    italian();
    const sparse = { lab: 'sparse', config: { ...sparsePresets.mnist, codes: 'signed' } } as const;
    expect(word(runLabel(sparse))).toMatch(/^\d+ atomi · MNIST$/);
    const dae = {
      lab: 'dae',
      config: { ...defaultDenoiserConfig, noise: 'gaussian', strength: 0.5 },
    } as const;
    expect(word(runLabel(dae))).toBe('AE per la riduzione del rumore · gaussiano 0,5');
  });

  it('shows a code no catalogue has as its English', () => {
    italian();
    expect(word({ code: 'fromANewerHost', params: {}, message: 'Something new.' })).toBe('Something new.');
  });
});
