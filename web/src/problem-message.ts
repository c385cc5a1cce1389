/** What to tell a person when a request failed, in their language. */
import type { ApiError } from './api.js';
import type { Translate } from './language.js';

export function describeError(error: ApiError, t: Translate): string {
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
    case 429:
      if (!error.retryAfter) return t('error.rateLimited');
      return error.retryAfter < 90
        ? t('error.rateLimitedFor', { seconds: error.retryAfter })
        : t('error.rateLimitedForMinutes', { minutes: Math.ceil(error.retryAfter / 60) });
    default:
      return error.status >= 500 ? t('error.server') : t('error.generic');
  }
}
