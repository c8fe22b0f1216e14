/** Options of a Choice from [value, title] pairs. */
export const optionsOf = <const V extends string>(
  ...pairs: readonly (readonly [V, string])[]
): { readonly value: V; readonly title: string }[] => pairs.map(([value, title]) => ({ value, title }));
