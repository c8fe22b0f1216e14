/**
 * The learned data manifold for a 2-D latent space (Kingma & Welling 2014, fig. 4):
 * "linearly spaced coordinates on the unit square were transformed through the inverse
 * CDF of the Gaussian to produce values of the latent variables z", then decoded.
 *
 * Φ⁻¹ by Acklam's rational approximation (relative error < 1.2·10⁻⁹); Φ from erfc
 * (Numerical Recipes' erfcc, relative error < 1.2·10⁻⁷), for checks.
 */

const A = [
  -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
  2.506628277459239,
];
const B = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
const C = [
  -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
  2.938163982698783,
];
const D = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];

const at = (coefficients: readonly number[], i: number) => coefficients[i] as number;

/** Complementary error function (Numerical Recipes' erfcc, |error| < 1.2·10⁻⁷ relative). */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const poly =
    -z * z -
    1.26551223 +
    t *
      (1.00002368 +
        t *
          (0.37409196 +
            t *
              (0.09678418 +
                t *
                  (-0.18628806 +
                    t *
                      (0.27886807 +
                        t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  const r = t * Math.exp(poly);
  return x >= 0 ? r : 2 - r;
}

/** Standard normal CDF Φ(x). */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

/** Φ⁻¹(p) for p in (0, 1); ±Infinity at 0 and 1. */
export function inverseNormalCdf(p: number): number {
  if (!(p > 0)) return p === 0 ? -Infinity : NaN;
  if (!(p < 1)) return p === 1 ? Infinity : NaN;
  const low = 0.02425;
  let x: number;
  if (p < low || p > 1 - low) {
    const q = Math.sqrt(-2 * Math.log(p < low ? p : 1 - p));
    const num = ((((at(C, 0) * q + at(C, 1)) * q + at(C, 2)) * q + at(C, 3)) * q + at(C, 4)) * q + at(C, 5);
    const den = (((at(D, 0) * q + at(D, 1)) * q + at(D, 2)) * q + at(D, 3)) * q + 1;
    x = p < low ? num / den : -num / den;
  } else {
    const q = p - 0.5;
    const r = q * q;
    const num =
      (((((at(A, 0) * r + at(A, 1)) * r + at(A, 2)) * r + at(A, 3)) * r + at(A, 4)) * r + at(A, 5)) * q;
    const den = ((((at(B, 0) * r + at(B, 1)) * r + at(B, 2)) * r + at(B, 3)) * r + at(B, 4)) * r + 1;
    x = num / den;
  }
  return x;
}

/**
 * Latent points of the manifold figure: a steps × steps grid, row-major [steps², 2].
 * Column c has z₁ = Φ⁻¹(u_c) and row r has z₂ = Φ⁻¹(u_{steps−1−r}), with u evenly spaced
 * over [lo, hi]: read as an image, z₁ grows to the right and z₂ grows upwards.
 */
export function manifoldGrid(steps: number, lo = 0.05, hi = 0.95): Float32Array {
  if (!Number.isInteger(steps) || steps < 1)
    throw new Error('manifoldGrid: steps must be a positive integer.');
  const u = (i: number) => (steps === 1 ? 0.5 : lo + ((hi - lo) * i) / (steps - 1));
  const z = new Float32Array(steps * steps * 2);
  for (let r = 0; r < steps; r++) {
    for (let c = 0; c < steps; c++) {
      z[2 * (r * steps + c)] = inverseNormalCdf(u(c));
      z[2 * (r * steps + c) + 1] = inverseNormalCdf(u(steps - 1 - r));
    }
  }
  return z;
}
