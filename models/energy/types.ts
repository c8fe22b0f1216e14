/**
 * The shared vocabulary of the energy-landscape lab (issue 5): a rectangle of the plane, an
 * energy function over it, and what a training step reports back to the loop that drives it.
 * Points of the plane are nodes [n, 2] inside the graphs and interleaved Float32Arrays
 * [x₀, y₀, x₁, y₁, …] outside them.
 */

/** An axis-aligned rectangle of the plane. */
export interface Bounds {
  readonly xMin: number;
  readonly xMax: number;
  readonly yMin: number;
  readonly yMax: number;
}

/** Anything with an energy E: R² → R, evaluated on a batch. */
export interface EnergyFunction {
  /** E(y) for points y [n, 2] (interleaved) → [n], run on the model's engine. */
  energy(y: Float32Array): Promise<Float32Array>;
}

/** Scalars of one training step, read back once per step. */
export interface EnergyStepResult {
  /** The loss that was minimised. */
  readonly loss: number;
  /** Mean energy of the data batch, mean E(y⁺). */
  readonly energyPos: number;
  /** Mean energy of the negatives, mean E(y⁻) (NaN where a method has none, e.g. the DAE). */
  readonly energyNeg: number;
}

/**
 * Langevin dynamics, in the convention used throughout the lab:
 *   y ← y − (η/2)·∇E(y) + s·√η·ε,   ε ~ N(0, I)
 * With s = 1 this samples p(y) ∝ exp(−E(y)) as η → 0 and the number of steps → ∞; s < 1
 * is the "noisy gradient descent" most EBM papers actually run.
 */
export interface LangevinConfig {
  /** η > 0, the step size. */
  readonly stepSize: number;
  /** s ≥ 0, the noise scale (1: exact Langevin; 0: plain gradient descent). */
  readonly noiseScale: number;
  /** k ≥ 0, the number of steps. */
  readonly steps: number;
  /** Where given, particles are clipped to this rectangle after every step. */
  readonly clip?: Bounds;
}
