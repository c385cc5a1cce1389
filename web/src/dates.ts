/** Dates and times as people in each language write them (Chilean Spanish, British English). */
import type { Language } from './i18n.js';

const locales: Record<Language, string> = { es: 'es-CL', en: 'en-GB' };

const cache = new Map<string, Intl.DateTimeFormat>();
function formatter(language: Language, withTime: boolean): Intl.DateTimeFormat {
  const key = `${language}:${withTime}`;
  let f = cache.get(key);
  if (!f) {
    // "24 nov 2026, 23:17": the month in words, so day and month are never confused.
    const date = { day: 'numeric', month: 'short', year: 'numeric' } as const;
    f = new Intl.DateTimeFormat(locales[language], withTime ? { ...date, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } : date);
    cache.set(key, f);
  }
  return f;
}

/** `iso` as a date (and time) in `language`; an unreadable date is shown as given. */
export function formatDate(language: Language, iso: string, withTime = true): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : formatter(language, withTime).format(date);
}
