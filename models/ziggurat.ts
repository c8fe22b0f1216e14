/**
 * Many standard normals at once, fast: the ziggurat method of Marsaglia & Tsang (2000),
 * "The Ziggurat Method for Generating Random Variables", J. Stat. Softw. 5(8), with 128
 * layers (their RNOR). Each draw takes 32 random bits; 98.8 % of draws are one table lookup
 * and one multiply, the rest fall back to the exact wedge or tail test. About ten times faster
 * than Box–Muller in JavaScript, for the noise that whole batches of images need each step.
 * The bits come from the run's seeded generator, so the draws are reproducible.
 */
import type { Rng } from './rng.js';

const LAYERS = 128;
const R = 3.442619855899; // where the base strip's tail begins
const V = 9.91256303526217e-3; // the area of each layer
const M = 2 ** 31;

const kn = new Uint32Array(LAYERS);
const wn = new Float64Array(LAYERS);
const fn = new Float64Array(LAYERS);
{
  let dn = R;
  let tn = dn;
  const q = V / Math.exp(-0.5 * dn * dn);
  kn[0] = Math.floor((dn / q) * M);
  kn[1] = 0;
  wn[0] = q / M;
  wn[LAYERS - 1] = dn / M;
  fn[0] = 1;
  fn[LAYERS - 1] = Math.exp(-0.5 * dn * dn);
  for (let i = LAYERS - 2; i >= 1; i--) {
    dn = Math.sqrt(-2 * Math.log(V / dn + Math.exp(-0.5 * dn * dn)));
    kn[i + 1] = Math.floor((dn / tn) * M);
    tn = dn;
    fn[i] = Math.exp(-0.5 * dn * dn);
    wn[i] = dn / M;
  }
}

/** A uniform in (0, 1): never 0, so that its logarithm is finite. */
const open01 = (rng: Rng): number => 1 - rng.uniform();

/** The slow path of one draw, for a sample `hz` that fell outside its layer's rectangle. */
function fix(rng: Rng, hz: number, iz: number): number {
  for (;;) {
    const x = hz * (wn[iz] as number);
    if (iz === 0) {
      // The tail beyond R (Marsaglia 1964).
      let tail: number;
      let y: number;
      do {
        tail = -Math.log(open01(rng)) / R;
        y = -Math.log(open01(rng));
      } while (y + y < tail * tail);
      return hz > 0 ? R + tail : -R - tail;
    }
    const below = fn[iz] as number;
    if (below + rng.uniform() * ((fn[iz - 1] as number) - below) < Math.exp(-0.5 * x * x)) return x;
    hz = rng.nextSeed() | 0;
    iz = hz & (LAYERS - 1);
    if (Math.abs(hz) < (kn[iz] as number)) return hz * (wn[iz] as number);
  }
}

/** Fills `out` with mean + sd · N(0, 1) draws from `rng`; returns `out`. */
export function fillNormal(rng: Rng, out: Float32Array, mean = 0, sd = 1): Float32Array {
  const bits = new Int32Array(out.length);
  rng.fillBits(new Uint32Array(bits.buffer)); // 32 random bits per draw, as signed integers
  for (let i = 0; i < out.length; i++) {
    const hz = bits[i] as number;
    const iz = hz & (LAYERS - 1);
    const z = Math.abs(hz) < (kn[iz] as number) ? hz * (wn[iz] as number) : fix(rng, hz, iz);
    out[i] = mean + sd * z;
  }
  return out;
}
