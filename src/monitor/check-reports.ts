import type { FieldError } from '../core/problem.js';
import type { ReportInput } from './model.js';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;
/** A report may be for today or tomorrow at most (a device's clock a few hours ahead of
 *  UTC); anything later is a wrong date, not a forecast. */
export const MAX_DAYS_AHEAD = 1;

/** Whether `s` is a real calendar day written YYYY-MM-DD. */
export function isDay(s: string): boolean {
  const m = DAY.exec(s);
  if (!m) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export const dayMs = (day: string): number => Date.parse(`${day}T00:00:00Z`);

/**
 * Checks a batch of reports without the database: each value a finite number, each day
 * a real date no later than `MAX_DAYS_AHEAD` after `today`, and within one indicator the
 * days strictly increasing (a duplicated or out-of-order day in one batch is a device
 * bug, refused whole). Errors name `reports/<i>/<field>`; `prefix` lets a CSV name lines.
 */
export function checkReports(reports: readonly ReportInput[], today: string, name: (i: number, field: string) => string = (i, f) => `reports/${i}/${f}`): FieldError[] {
  const errors: FieldError[] = [];
  const lastDay = new Map<string, string>();
  const limit = dayMs(today) + MAX_DAYS_AHEAD * DAY_MS;
  reports.forEach((r, i) => {
    if (typeof r.value !== 'number' || !Number.isFinite(r.value)) errors.push({ field: name(i, 'value'), reason: 'must be a finite number' });
    if (typeof r.day !== 'string' || !isDay(r.day)) {
      errors.push({ field: name(i, 'day'), reason: 'must be a date YYYY-MM-DD' });
      return;
    }
    if (dayMs(r.day) > limit) errors.push({ field: name(i, 'day'), reason: `is in the future (today is ${today})` });
    const prev = lastDay.get(r.indicator);
    if (prev !== undefined && r.day <= prev)
      errors.push({ field: name(i, 'day'), reason: r.day === prev ? `duplicates ${prev} for indicator "${r.indicator}" in this batch` : `comes after ${prev} for indicator "${r.indicator}" in this batch: days must increase` });
    lastDay.set(r.indicator, r.day);
  });
  return errors;
}

/** Parses a reports file: header `indicator,day,value`, one report a line. Errors name
 *  `line <n>` (1-based, the header is line 1) and the column. */
export function parseReportsCsv(text: string): { reports: ReportInput[]; errors: FieldError[]; lines: number[] } {
  const rows = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const errors: FieldError[] = [];
  const reports: ReportInput[] = [];
  const lines: number[] = [];
  if ((rows[0] ?? '').trim().toLowerCase() !== 'indicator,day,value') return { reports, lines, errors: [{ field: 'line 1', reason: 'the header must be indicator,day,value' }] };
  rows.forEach((row, k) => {
    if (k === 0 || !row.trim()) return;
    const cells = row.split(',').map((c) => c.trim());
    if (cells.length !== 3) {
      errors.push({ field: `line ${k + 1}`, reason: `has ${cells.length} columns, expected 3` });
      return;
    }
    const [indicator, day, raw] = cells as [string, string, string];
    const value = raw === '' || !/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(raw) ? Number.NaN : Number(raw);
    if (Number.isNaN(value)) errors.push({ field: `line ${k + 1}/value`, reason: `"${raw}" is not a number` });
    reports.push({ indicator, day, value });
    lines.push(k + 1);
  });
  return { reports, errors, lines };
}
