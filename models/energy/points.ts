/** Points of the plane as they travel outside the graphs: interleaved [x₀, y₀, x₁, y₁, …]. */

/** How many points `y` holds; throws a sentence unless it is a whole, non-empty number of pairs. */
export function pointsIn(y: Float32Array): number {
  if (y.length === 0 || y.length % 2 !== 0) {
    throw new Error(`Expected points of the plane as x, y pairs, got ${y.length} values.`);
  }
  return y.length / 2;
}
