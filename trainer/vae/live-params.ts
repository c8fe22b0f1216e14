/**
 * The parameters a running VAE accepts (β and the learning rate), validated against the
 * same field table as the config, so an out-of-range value is refused with the field's
 * sentence ("β (KL weight) (beta) must be a number at least 0 and at most 100; got -1.").
 */
import { checkNumber, type FieldError } from '../../protocol/fields.js';
import { vaeFields, vaeLiveParams, type VaeLiveParam } from '../../protocol/vae/config.js';

export type LiveParams = Record<VaeLiveParam, number>;

export function checkLiveParam(name: string, value: number): FieldError | null {
  if (!(vaeLiveParams as readonly string[]).includes(name)) {
    return {
      field: name,
      message: `${name} cannot be changed while the VAE trains; live parameters are ${vaeLiveParams.join(' and ')}.`,
    };
  }
  return checkNumber(name, vaeFields[name as VaeLiveParam], value);
}
