import * as ort from 'onnxruntime-node';
import { createRng } from '../models/rng.js';
import { createDictionaryLearner } from '../models/sparse/dictionary-learning.js';
import { atomsOfDictionary } from '../protocol/filter-picture.js';
import { createOnnxEngine } from '../trainer/engine/onnx-engine.js';
import { writeDictionaryExports } from '../trainer/sparse/exports.js';
import { embeddedDigits, PIXELS } from './data.js';

const [lambda, lr, init, epochs, atoms] = [Number(process.argv[2]), Number(process.argv[3]), process.argv[4] as 'samples' | 'gaussian', Number(process.argv[5]), Number(process.argv[6] ?? 256)];
const digits = await embeddedDigits();
const n = PIXELS;
const order = createRng(7).shuffle(Array.from({ length: digits.count }, (_, i) => i));
const rows = (idx: number[]) => { const o = new Float32Array(idx.length * n); idx.forEach((r, i) => o.set(digits.pixels.subarray(r * n, (r + 1) * n), i * n)); return o; };
const test = rows(order.slice(-256));
const train = order.slice(0, -256);
const engine = (s: Parameters<typeof createOnnxEngine>[1]) => createOnnxEngine(ort, s, { threads: 2 });
const learner = createDictionaryLearner(n, { atoms, lambda, learningRate: lr, codeIterations: 50, init, seed: 1 }, rows(train.slice(0, 4 * atoms)), undefined, engine);
const rng = createRng(3);
const t0 = performance.now();
for (let e = 1; e <= epochs; e++) {
  rng.shuffle(train);
  for (let b = 0; b + 100 <= train.length; b += 100) await learner.step(rows(train.slice(b, b + 100)));
  if (e % 5 === 0 || e === epochs) {
    const { codes, stats } = await learner.coder.solve(test, { method: 'fista', iterations: 200, lambda, stats: true });
    const active = (1 - stats!.zeros) * atoms;
    const used = stats!.usage.filter((u) => u > 0).length;
    // energy share: fraction of ‖z‖₁ carried by the 5 largest coefficients per digit
    let top = 0;
    for (let s = 0; s < 256; s++) { const c = Array.from(codes.subarray(s * atoms, (s + 1) * atoms), Math.abs).sort((a, b) => b - a); const tot = c.reduce((a, b) => a + b, 0); top += c.slice(0, 5).reduce((a, b) => a + b, 0) / tot / 256; }
    console.log(`λ ${lambda} η ${lr} ${init} e${e}: active/digit ${active.toFixed(1)}, atoms used ${used}, recon ${stats!.reconstruction.toFixed(2)}, top5 share ${top.toFixed(2)}, ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  }
}
await writeDictionaryExports(`/tmp/sc/l${lambda}-lr${lr}-${init}-e${epochs}-a${atoms}`, { values: atomsOfDictionary(learner.readDictionary(), n, atoms), count: atoms, height: 28, width: 28 }, 'x');
learner.dispose();
