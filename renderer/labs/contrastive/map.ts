/**
 * What the contrastive lab's embedding map projects, read from the map event: the normalised
 * embedding z = f(h)/‖f(h)‖ (info.space 'z', what the trainer sends), or the representation h
 * (maps written before z was chosen carry no space).
 */
import type { ArraysEvent } from '../../../protocol/messages.js';
import { t } from '../../lib/i18n/translate.js';

export type MapSpace = 'z' | 'h';

export function mapSpace(event: ArraysEvent | null | undefined): MapSpace {
  return event?.info?.space === 'z' ? 'z' : 'h';
}

/** What the map card's subtitle says is projected (the axis label gives the share of variance). */
export function mapSubtitle(event: ArraysEvent | null | undefined): string {
  return mapSpace(event) === 'z' ? t('contrastive.map.z') : t('contrastive.map.h');
}
