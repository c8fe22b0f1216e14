/** A model's parameters by name, as host arrays: what checkpoints save and restore for every lab. */

export interface NamedWeight {
  readonly shape: readonly number[];
  readonly data: Float32Array;
}
export type NamedWeights = Readonly<Record<string, NamedWeight>>;
