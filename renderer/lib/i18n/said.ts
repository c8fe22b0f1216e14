/**
 * A coded sentence from the host or the trainer (protocol/texts.ts) in the window's language:
 * the catalogue's `msg.<code>` filled with its parameters, each worded in turn (a nested
 * sentence by its own code, a number with the language's decimal separator), the field's
 * label taken from the catalogue when the lab is known. A code no catalogue has (a newer host)
 * falls back to the English `message`.
 */
import type { LabName } from '../../../protocol/labs.js';
import type { BackendInfo } from '../../../protocol/messages.js';
import type { Said, TextParam } from '../../../protocol/texts.js';
import { decimal, lookup } from './translate.js';

/** A number as JavaScript writes it: "0.5", "-3", "1e-7". */
const numeric = /^-?\d+(\.\d+)?(e[-+]?\d+)?$/;

function param(value: TextParam, lab: LabName | undefined): string {
  if (typeof value === 'object') return word(value, lab);
  const text = String(value);
  return numeric.test(text) ? decimal(text) : text;
}

/** The sentence `said` in the current language; `lab` names the fields by the catalogue's labels. */
export function word(said: Said, lab?: LabName): string {
  const params: Record<string, string> = {};
  for (const [name, value] of Object.entries(said.params ?? {})) params[name] = param(value, lab);
  const field = said.params?.field;
  if (lab && typeof field === 'string' && 'label' in params)
    params.label = lookup(`field.${lab}.${field}.label`) ?? params.label!;
  return lookup(`msg.${said.code}`, params) ?? said.message;
}

/** Why a run trains on its rung, in the window's language (the English reason where it has no code). */
export const backendReason = (backend: BackendInfo): string =>
  backend.why ? word(backend.why) : backend.reason;
