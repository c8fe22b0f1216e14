/**
 * The typed key set of the catalogues: English (en.ts) is the source; every other language's
 * catalogue has the type `Catalogue`, so a key it lacks (or one English lacks) fails the
 * typecheck, and a plural in English must be a plural there too.
 */
import type { english } from './en.js';
import type { ParamNames, ParamValue, Plural } from './message.js';

type English = typeof english;

export type MessageKey = keyof English;

/** A catalogue for one language: every English key, a text where English has a text, a plural where a plural. */
export type Catalogue = {
  readonly [K in MessageKey]: English[K] extends string ? string : Plural;
};

/** The parameters of message `K`, by name. */
export type Params<K extends MessageKey> = { readonly [P in ParamNames<English[K]>]: ParamValue };

/** The rest arguments of t(key, …): none for a message without placeholders, else its parameters. */
export type ParamsArg<K extends MessageKey> = [ParamNames<English[K]>] extends [never]
  ? []
  : [params: Params<K>];
