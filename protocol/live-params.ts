/**
 * Live parameters: the numbers a run takes while it trains (set-param). Each lab lists its own
 * as a typed table of fields with their ranges in protocol/<lab>/config.ts (e.g. vaeLiveParams:
 * beta and learningRate), registered with the lab in protocol/labs.ts. One checker for all of
 * them: a name is live only when it is the table's own key (never `toString` or `constructor`
 * through the prototype), and its value must lie in the field's range; the error names the
 * parameter and its range. The host checks every set-param here before it reaches a trainer
 * (host/lab-host.ts), and each trainer's run control checks it again (trainer/run-control.ts).
 */
import { checkNumber, fieldError, type FieldError, type FieldTable } from './fields.js';
import { sayShared } from './texts.js';
import { labs, type LabName } from './labs.js';

/** The names set-param may change in a run of lab `L`. */
export type LiveParamName<L extends LabName> = keyof (typeof labs)[L]['liveParams'] & string;

/** Whether `name` is a live parameter of `table` (its own key, not one of Object's). */
export const isLiveParam = <P extends string>(table: FieldTable<P>, name: string): name is P =>
  Object.hasOwn(table, name);

/** Checks a live parameter against `table`; null when it may be set to `value`. */
export function checkLiveParamIn<P extends string>(
  table: FieldTable<P>,
  name: string,
  value: number,
): FieldError | null {
  if (!isLiveParam(table, name)) {
    const names = Object.keys(table);
    return fieldError(
      name,
      names.length
        ? sayShared('notLiveNamed', { name, names: names.join(', ') })
        : sayShared('notLive', { name }),
    );
  }
  return checkNumber(name, table[name], value);
}

/** Checks a live parameter of a run of `lab`, e.g. checkLiveParam('vae', 'beta', 4). */
export function checkLiveParam(lab: LabName, name: string, value: number): FieldError | null {
  return checkLiveParamIn<string>(labs[lab].liveParams, name, value);
}

/**
 * Whether set-param `name` sets a value of the run (kept with it and marked on its curves) —
 * all do but 'step', the energy lab's "train n more steps while paused" (energySingleStep).
 */
export const isLiveValue = (name: string): boolean => name !== 'step';

/** The live parameters' values at the start of a run: those of its config. */
export function liveValues<P extends string>(
  table: FieldTable<P>,
  config: Readonly<Record<NoInfer<P>, number>>,
): Record<P, number> {
  return Object.fromEntries(Object.keys(table).map((name) => [name, config[name as P]])) as Record<P, number>;
}
