/** The pure part of the stage table: numbers in the person's language, what each stage did. */
import type { Language } from '../i18n.js';
import type { CountResult, CountStage } from './api.js';

const locales: Record<Language, string> = { es: 'es-CL', en: 'en-GB' };
const formatters = new Map<Language, Intl.NumberFormat>();

/** Votes as the language writes numbers, with up to five decimals (transfer values are fractional). */
export function formatVotes(language: Language, n: number): string {
  let f = formatters.get(language);
  if (!f) {
    f = new Intl.NumberFormat(locales[language], { maximumFractionDigits: 5 });
    formatters.set(language, f);
  }
  return f.format(n);
}

/** Those newly elected or excluded at a stage (the stage's lists may be cumulative). */
export function newAt(result: Pick<CountResult, 'stages'>, index: number, list: 'elected' | 'excluded'): string[] {
  const before = new Set(index > 0 ? result.stages[index - 1]![list] : []);
  return result.stages[index]![list].filter((p) => !before.has(p));
}

/** Whether any stage lost votes to truncation (then the table shows that row). */
export const hasLoss = (stages: readonly CountStage[]) => stages.some((s) => (s.loss ?? 0) !== 0);

/** Whether the count used a quota (STV and IRV do; plurality, approval and Schulze do not). */
export const hasQuota = (result: Pick<CountResult, 'quota' | 'stages'>) => result.quota > 0 || result.stages.some((s) => s.quota > 0);
