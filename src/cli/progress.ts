/**
 * A progress bar with rate and ETA for long CLI work, drawn on stderr. On a terminal it
 * redraws one line; elsewhere (CI logs, pipes) it prints a line at most every 2 s.
 */
export class Progress {
  private readonly started = Date.now();
  private lastDraw = 0;
  private readonly tty: boolean;

  constructor(
    private readonly label: string,
    private total: number,
    private readonly out: NodeJS.WriteStream = process.stderr,
  ) {
    this.tty = Boolean(out.isTTY);
  }

  update(done: number, total = this.total): void {
    this.total = total;
    const now = Date.now();
    // off a terminal, work that ends within 2 s prints nothing
    if (!this.tty && now - this.started < 2000) return;
    if (now - this.lastDraw < (this.tty ? 100 : 2000) && done < total) return;
    this.lastDraw = now;
    this.out.write((this.tty ? '\r' : '') + this.line(done, now) + (this.tty ? '\x1b[K' : '\n'));
  }

  done(message?: string): void {
    if (this.tty) this.out.write('\r\x1b[K');
    if (message) this.out.write(`${message}\n`);
  }

  line(done: number, now = Date.now()): string {
    const frac = this.total > 0 ? Math.min(1, done / this.total) : 1;
    const width = 24;
    const filled = Math.round(frac * width);
    const secs = (now - this.started) / 1000;
    const rate = secs > 0 ? done / secs : 0;
    const eta = rate > 0 ? (this.total - done) / rate : 0;
    return `${this.label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${this.total} ${(frac * 100).toFixed(0)}% ${formatRate(rate)}/s ETA ${formatDuration(eta)}`;
  }
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  if (seconds < 60) return `${seconds.toFixed(0)}s`;
  const m = Math.floor(seconds / 60);
  if (m < 60) return `${m}m${String(Math.round(seconds % 60)).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

function formatRate(r: number): string {
  return r >= 10_000 ? `${(r / 1000).toFixed(0)}k` : r.toFixed(0);
}
