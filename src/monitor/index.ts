// The monitor's public face: what the server, the CLI and other modules (the plan) may use.
export type { Indicator, IndicatorKind, Alert, AlertKind, ReportInput, IngestResult } from './model.js';
export { createIndicator, listIndicators, bindDevice, setPlanValues } from './indicators.js';
export { ingestReports, seriesOf, DEVICE_REQUESTS_PER_MINUTE } from './reports.js';
export { openAlerts, listAlerts, getAlert, acknowledgeAlert, actOnAlert, sweepEscalations, sweepLateReports, ALERTS_TOPIC } from './alerts.js';
export { shortfallImpact, type IoView, type Impact, type RationHolding } from './impact.js';
export { monitorRoutes } from './routes.js';
