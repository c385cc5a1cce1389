import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/context.js';
import { sealAll, type SigningKey } from '../core/audit/index.js';
import type { Db } from '../db/db.js';

/**
 * Background sealing: every `intervalMs` the sealer orders new audit events into the
 * chain. With several server processes each runs one; an advisory lock lets one seal
 * at a time and the others skip the round.
 */
export class Sealer {
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;
  private stopped = false;

  constructor(
    private readonly db: Db,
    private readonly key: SigningKey,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly intervalMs: number,
  ) {}

  start(): void {
    const tick = async () => {
      await this.sealNow().catch((err: unknown) => this.log.error({ err }, 'audit sealing failed'));
      if (!this.stopped) this.timer = setTimeout(tick, this.intervalMs);
    };
    this.timer = setTimeout(tick, this.intervalMs);
  }

  /** Seals everything visible now (waits for a round already running). */
  async sealNow(): Promise<number> {
    if (this.running) await this.running.catch(() => 0);
    this.running = sealAll(this.db, this.key, this.clock);
    try {
      return await this.running;
    } finally {
      this.running = undefined;
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running?.catch(() => 0);
  }
}
