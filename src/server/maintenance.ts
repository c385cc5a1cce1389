import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/context.js';
import type { Db } from '../db/db.js';
import { randomIds } from '../core/ids.js';
import { mixBallots, sweepDueMotions, sweepReportBacks } from '../councils/index.js';
import { sweepEscalations, sweepLateReports } from '../monitor/index.js';

const HOUR = 3_600_000;

/** Deletes bookkeeping rows that have served their purpose. Idempotent, so it is safe
 *  for every server process to run it. */
export async function purgeExpired(db: Db, clock: Clock): Promise<{ idempotency: number; sessions: number; failures: number }> {
  const now = clock.now().getTime();
  const idem = await db.query('delete from idempotency_key where created_at < $1 returning 1', [new Date(now - 24 * HOUR)]);
  const sessions = await db.query('delete from session where expires_at < $1 returning 1', [new Date(now - 7 * 24 * HOUR)]);
  const failures = await db.query('delete from login_failure where at < $1 returning 1', [new Date(now - 24 * HOUR)]);
  return { idempotency: idem.length, sessions: sessions.length, failures: failures.length };
}

export class Maintenance {
  private timer?: NodeJS.Timeout;
  private motions?: NodeJS.Timeout;
  private mixer?: NodeJS.Timeout;
  private alerts?: NodeJS.Timeout;
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly intervalMs = 10 * 60_000,
  ) {}

  start(): void {
    this.timer = setInterval(() => {
      purgeExpired(this.db, this.clock).catch((err: unknown) => this.log.error({ err }, 'maintenance failed'));
      sweepReportBacks(this.db, this.clock, randomIds(this.clock)).catch((err: unknown) => this.log.error({ err }, 'report-back sweep failed'));
    }, this.intervalMs);
    // windows close by the minute: a motion's result is recorded soon after its window ends
    this.motions = setInterval(() => {
      sweepDueMotions(this.db, this.clock, randomIds(this.clock), this.log).catch((err: unknown) => this.log.error({ err }, 'motion sweep failed'));
    }, Math.min(this.intervalMs, 60_000));
    this.motions.unref();
    // alerts climb by the minute; a missing day's report is looked for at the same pace (idempotent)
    this.alerts = setInterval(() => {
      sweepEscalations(this.db, this.clock, randomIds(this.clock)).catch((err: unknown) => this.log.error({ err }, 'alert escalation sweep failed'));
      sweepLateReports(this.db, this.clock, randomIds(this.clock)).catch((err: unknown) => this.log.error({ err }, 'late report sweep failed'));
    }, Math.min(this.intervalMs, 60_000));
    this.alerts.unref();
    // secret ballots are mixed into the counted tables a batch at a time (mixer.ts)
    this.mixer = setInterval(() => {
      mixBallots(this.db, { clock: this.clock, ids: randomIds(this.clock) }).catch((err: unknown) => this.log.error({ err }, 'ballot mixer failed'));
    }, Math.min(this.intervalMs, 1_000));
    this.mixer.unref();
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    clearInterval(this.motions);
    clearInterval(this.mixer);
    clearInterval(this.alerts);
  }
}
