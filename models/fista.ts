/** FISTA's momentum schedule (Beck & Teboulle 2009), shared by sparse coding and the conv lab's PSD inference. */

/** FISTA's momentum sequence: the factors (t_k − 1)/t_{k+1} for k = 1..K. */
export function fistaMomentum(iterations: number, from = 0): Float64Array {
  const factors = new Float64Array(iterations);
  let t = 1;
  for (let k = 0; k < from + iterations; k++) {
    const next = (1 + Math.sqrt(1 + 4 * t * t)) / 2;
    if (k >= from) factors[k - from] = (t - 1) / next;
    t = next;
  }
  return factors;
}
