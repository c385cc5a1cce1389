/** Types of the monitor: indicators of an enterprise (a workplace body), their daily
 *  reports, and alerts that climb the councils. */

export const INDICATOR_KINDS = ['output', 'absenteeism', 'stock', 'energy', 'transport', 'custom'] as const;
export type IndicatorKind = (typeof INDICATOR_KINDS)[number];

export interface Indicator {
  id: string;
  /** The enterprise: a councils body of kind `workplace` (its workers' council). */
  enterpriseId: string;
  code: string;
  name: string;
  kind: IndicatorKind;
  unit: string;
  /** The plan's product code, for an output indicator. */
  product: string | null;
}

export const ALERT_KINDS = ['change', 'fulfilment', 'late'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];
export type AlertStatus = 'open' | 'acknowledged' | 'acted';

export interface AlertStep {
  level: number;
  bodyId: string;
  at: string;
  deadline: string | null;
}

export interface Alert {
  id: string;
  enterpriseId: string;
  indicatorId: string | null;
  kind: AlertKind;
  day: string;
  detail: Record<string, unknown>;
  atBodyId: string;
  level: number;
  status: AlertStatus;
  openedAt: string;
  deadline: string | null;
  note: string | null;
  steps: AlertStep[];
}

/** One report of a device: the value of an indicator (by code) for a day. */
export interface ReportInput {
  indicator: string;
  day: string;
  value: number;
}

export interface IngestResult {
  /** New values stored. */
  stored: number;
  /** Values already stored with the same value (a retried request). */
  replayed: number;
  /** Values stored for a day before the last one filtered (kept, not filtered). */
  late: number;
  /** Alerts opened by these values. */
  alertsOpened: number;
}
