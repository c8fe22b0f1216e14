/**
 * A small seeded pseudo-random generator: mulberry32 (Tommy Ettinger, public domain),
 * a 32-bit state advanced by the Weyl constant 0x6D2B79F5 and mixed by two multiplies.
 * Normals by the Box–Muller transform; shuffles by Fisher–Yates.
 *
 * Every random choice in EBM Lab flows from one of these, created from the run's seed and
 * passed in; nothing reads Math.random.
 */

export interface Rng {
  /** Uniform in [0, 1), 32 bits of resolution. */
  uniform(): number;
  /** Standard normal N(0, 1). */
  normal(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  /** Shuffles `items` in place (Fisher–Yates) and returns it. */
  shuffle<T>(items: T[]): T[];
  /** A fresh 32-bit seed for TensorFlow.js ops that take one (e.g. ε of a training step). */
  nextSeed(): number;
  /** Fills `out` with the next out.length 32-bit outputs (what nextSeed would give), fast; returns it. */
  fillBits(out: Uint32Array): Uint32Array;
  /** An independent generator derived from this one. */
  fork(): Rng;
}

/** One round of mulberry32: advances `state` and returns 32 random bits. */
function mulberry32Next(state: { s: number }): number {
  state.s = (state.s + 0x6d2b79f5) | 0;
  let t = state.s;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return (t ^ (t >>> 14)) >>> 0;
}

/** Scrambles a user seed so that nearby seeds (1, 2, 3…) start far apart (splitmix32 finaliser). */
function scrambleSeed(seed: number): number {
  let z = (seed + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

export function createRng(seed: number): Rng {
  const state = { s: scrambleSeed(seed >>> 0) };
  let spareNormal: number | null = null;

  const uniform = (): number => mulberry32Next(state) / 4294967296;

  const rng: Rng = {
    uniform,
    normal() {
      if (spareNormal !== null) {
        const z = spareNormal;
        spareNormal = null;
        return z;
      }
      // Box–Muller: u1 in (0, 1] keeps the logarithm finite.
      const u1 = 1 - uniform();
      const u2 = uniform();
      const r = Math.sqrt(-2 * Math.log(u1));
      spareNormal = r * Math.sin(2 * Math.PI * u2);
      return r * Math.cos(2 * Math.PI * u2);
    },
    int(n) {
      return Math.floor(uniform() * n);
    },
    shuffle(items) {
      for (let i = items.length - 1; i > 0; i--) {
        const j = Math.floor(uniform() * (i + 1));
        const tmp = items[i] as (typeof items)[number];
        items[i] = items[j] as (typeof items)[number];
        items[j] = tmp;
      }
      return items;
    },
    nextSeed() {
      return mulberry32Next(state);
    },
    fillBits(out) {
      // mulberry32Next inlined with the state in a local: ≈ 10× faster for whole batches.
      let x = state.s;
      for (let i = 0; i < out.length; i++) {
        x = (x + 0x6d2b79f5) | 0;
        let t = Math.imul(x ^ (x >>> 15), x | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        out[i] = (t ^ (t >>> 14)) >>> 0;
      }
      state.s = x;
      return out;
    },
    fork() {
      return createRng(mulberry32Next(state));
    },
  };
  return rng;
}
