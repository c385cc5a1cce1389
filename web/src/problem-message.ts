/** What to tell a person when a request failed, in their language. */
import type { ApiError } from './api.js';
import type { MessageKey } from './i18n.js';
import type { Translate } from './language.js';

/** Refusals the server names with a `code`: each gets its own sentence, saying why. */
const byCode: Readonly<Record<string, MessageKey>> = {
  not_member: 'problem.not_member',
  already_withdrawn: 'problem.already_withdrawn',
  not_withdrawn: 'problem.not_withdrawn',
  seat_vacant: 'problem.seat_vacant',
  already_voted: 'problem.already_voted',
  outside_window: 'problem.outside_window',
  not_chair: 'problem.not_chair',
  not_nominating: 'problem.not_nominating',
  no_candidates: 'problem.no_candidates',
  already_candidate: 'problem.already_candidate',
  not_closed: 'problem.not_closed',
  already_counted: 'problem.already_counted',
  not_counted: 'problem.not_counted',
  unknown_receipt: 'problem.unknown_receipt',
  already_closed: 'problem.already_closed',
  not_adopted: 'problem.not_adopted',
  no_parent: 'problem.no_parent',
  mandate_exists: 'problem.mandate_exists',
  not_mandatable: 'problem.not_mandatable',
  not_parent_motion: 'problem.not_parent_motion',
  voting_started: 'problem.voting_started',
  amendments_pending: 'motion.amendmentPending',
  not_officer: 'problem.not_officer',
  other_committee: 'problem.other_committee',
  not_supply_committee: 'problem.not_supply_committee',
  bad_card: 'problem.bad_card',
  unknown_card: 'problem.unknown_card',
  revoked_card: 'problem.revoked_card',
  no_period: 'problem.no_period',
  no_entitlement: 'problem.no_entitlement',
  beyond_entitlement: 'problem.beyond_entitlement',
  unknown_good: 'problem.unknown_good',
  insufficient_stock: 'problem.insufficient_stock',
  pickup_id_reused: 'problem.pickup_id_reused',
};

/** The server's own words, worth showing under ours only when we had none of our own
 *  for its reason (they are in English and name internal fields). */
export function serverDetail(error: ApiError): string {
  return Object.hasOwn(byCode, error.code) ? '' : error.detail;
}

export function describeError(error: ApiError, t: Translate): string {
  const known = Object.hasOwn(byCode, error.code) ? byCode[error.code] : undefined;
  if (known) return t(known);
  switch (error.status) {
    case 0:
      return t('error.network');
    case 400:
    case 422:
      return t('error.invalid');
    case 401:
      return t('login.sessionEnded');
    case 403:
      return t('error.forbidden');
    case 404:
      return t('error.notFound');
    case 429:
      if (!error.retryAfter) return t('error.rateLimited');
      return error.retryAfter < 90
        ? t('error.rateLimitedFor', { seconds: error.retryAfter })
        : t('error.rateLimitedForMinutes', { minutes: Math.ceil(error.retryAfter / 60) });
    default:
      return error.status >= 500 ? t('error.server') : t('error.generic');
  }
}

/**
 * A problem's field errors by the form field they concern (`body/options/0` → `options`),
 * in our words where the form has them (`ours`), else the server's; the errors of fields
 * the form has no input for, as "field: reason" lines for the form's alert.
 */
export function fieldErrors<F extends string>(
  error: ApiError,
  fields: readonly F[],
  ours: Partial<Record<F, string>> = {},
): { fields: Partial<Record<F, string>>; other: string[] } {
  const found: Partial<Record<F, string>> = {};
  const other: string[] = [];
  for (const e of error.errors) {
    const name = e.field.replace(/^body\//, '').split('/')[0] as F;
    if (fields.includes(name)) found[name] ??= ours[name] ?? e.reason;
    else other.push(`${e.field}: ${e.reason}`);
  }
  return { fields: found, other };
}
