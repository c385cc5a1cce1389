/** The councils' own words, translated: kinds of body, offices, counting methods, counts. */
import type { MessageKey, MessageParams } from '../i18n.js';
import type { Translate } from '../language.js';
import type { BodyKind, ElectionStatus, Method } from './api.js';

export const kindLabel = (t: Translate, kind: BodyKind) => t(`body.kind.${kind}` as MessageKey);
export const methodLabel = (t: Translate, method: Method) => t(`election.method.${method}` as MessageKey);
export const statusLabel = (t: Translate, status: ElectionStatus) => t(`election.status.${status}` as MessageKey);

const OFFICES = ['chair', 'secretary', 'treasurer', 'supply_officer'] as const;

/** A known office in the person's language; any other title as written, words spaced. */
export function officeLabel(t: Translate, title: string): string {
  return (OFFICES as readonly string[]).includes(title) ? t(`office.${title}` as MessageKey) : title.replaceAll('_', ' ');
}

/** `{n} miembros` or `1 miembro`: the table holds `<key>.one` and `<key>.other`. */
export function countOf(t: Translate, key: 'count.members' | 'count.bodies' | 'count.seats' | 'count.found', n: number, params: MessageParams = {}): string {
  return t(`${key}.${n === 1 ? 'one' : 'other'}` as MessageKey, { ...params, n });
}
