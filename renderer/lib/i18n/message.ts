/**
 * One message of a catalogue: a sentence with `{name}` placeholders, or a plural (one form per
 * CLDR plural category, chosen by the `count` parameter). The placeholder names are read from
 * the English text by the type system, so a call names exactly the parameters its message takes.
 */

/** A message that depends on a count: "1 run" / "{count} runs". `other` is the fallback. */
export interface Plural {
  readonly zero?: string;
  readonly one: string;
  readonly two?: string;
  readonly few?: string;
  readonly many?: string;
  readonly other: string;
}

export type Message = string | Plural;

/** The placeholder names of a message text: "epoch {epoch} / {epochs}" → "epoch" | "epochs". */
export type Placeholders<S extends string> = S extends `${string}{${infer P}}${infer Rest}`
  ? P | Placeholders<Rest>
  : never;

/** The parameters a message takes (a plural takes `count` too). */
export type ParamNames<M> = M extends string
  ? Placeholders<M>
  : M extends { readonly one: infer One extends string; readonly other: infer Other extends string }
    ? Placeholders<One> | Placeholders<Other> | 'count'
    : never;

export type ParamValue = string | number;

const placeholder = /\{([A-Za-z0-9_]+)\}/g;

/** The placeholder names of a message at run time, sorted (every form of a plural). */
export function placeholdersOf(message: Message): string[] {
  const texts = typeof message === 'string' ? [message] : Object.values(message);
  const names = new Set(texts.flatMap((text) => [...text.matchAll(placeholder)].map((m) => m[1]!)));
  return [...names].sort();
}

/** Fills the placeholders of `text`; `show` turns a number into text for the language. */
export function fill(
  text: string,
  params: Readonly<Record<string, ParamValue>>,
  show: (value: number) => string,
): string {
  return text.replace(placeholder, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? show(value) : value;
  });
}

/** The form of a plural for `count` under the language's plural rules. */
export function pluralForm(message: Plural, rules: Intl.PluralRules, count: number): string {
  const category = rules.select(count) as keyof Plural;
  return message[category] ?? message.other;
}
