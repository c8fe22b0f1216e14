/** Options of a Choice from [value, title] pairs. */
export const optionsOf = <const V extends string>(
  ...pairs: readonly (readonly [V, string])[]
): { readonly value: V; readonly title: string }[] => pairs.map(([value, title]) => ({ value, title }));

/** Options from [value, title] pairs, each with the test id `${prefix}-${value}`. */
export const testedOptionsOf = <const V extends string>(
  prefix: string,
  ...pairs: readonly (readonly [V, string])[]
): { readonly value: V; readonly title: string; readonly testid: string }[] =>
  pairs.map(([value, title]) => ({ value, title, testid: `${prefix}-${value}` }));
