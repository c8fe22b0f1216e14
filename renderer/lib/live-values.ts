/**
 * The values a run was changed to while it trained, as the status line and the closing
 * sentence name them ("β (KL weight) = 4").
 */
import type { DoneEvent } from '../../protocol/messages.js';
import { showNumber } from './form.js';
import { word } from './i18n/said.js';
import { t } from './i18n/translate.js';

export interface LiveValue {
  /** The field's label, e.g. "β (KL weight)". */
  readonly label: string;
  readonly value: number;
}

/** "β (KL weight) = 4, learning rate = 0.01". */
export function describeValues(values: readonly LiveValue[]): string {
  return values.map((v) => `${v.label} = ${showNumber(v.value)}`).join(', ');
}

/** The done sentence in the window's language, with the values changed live appended (the sentence adds up with them). */
export function closingSentence(done: DoneEvent, params: Readonly<Record<string, LiveValue>>): string {
  const changed = Object.values(params);
  const base = word(done) || (done.reason === 'completed' ? t('done.completed') : t('done.stopped'));
  if (changed.length === 0) return base;
  return `${base.trimEnd()} ${t('live.changed', { values: describeValues(changed) })}`;
}
