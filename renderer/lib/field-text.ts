/**
 * A lab's setting as the window names it: its label and one-line help in the current language
 * (the catalogue's `field.<lab>.<name>.label` / `.help`), falling back to the protocol table's
 * English (which the CLI uses) for a field no catalogue has yet.
 */
import type { NumberField } from '../../protocol/fields.js';
import type { LabName } from '../../protocol/labs.js';
import { lookup } from './i18n/translate.js';

export const fieldLabel = (lab: LabName, name: string, spec?: NumberField): string =>
  lookup(`field.${lab}.${name}.label`) ?? spec?.label ?? name;

export const fieldHelp = (lab: LabName, name: string, spec?: NumberField): string =>
  lookup(`field.${lab}.${name}.help`) ?? spec?.help ?? '';
