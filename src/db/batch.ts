/**
 * Group commit for hot single-row operations: requests that arrive while earlier ones
 * are with the database are gathered and sent as one statement when a slot frees up.
 * Under light load a request goes alone and at once (a batch of one); under heavy load
 * batches grow by themselves, and the database does one round trip, one plan and one
 * commit for many requests instead of one each.
 *
 * `run` receives the items of a batch and returns one result per item, in order. When
 * it throws, every item of the batch is retried alone (`runOne`), so one bad item — a
 * vote on a motion that has just closed, say — fails by itself and not its neighbours.
 */
export class Batcher<I, O> {
  private waiting: { item: I; resolve: (o: O) => void; reject: (e: unknown) => void }[] = [];
  private inFlight = 0;
  /** Batches sent, and those that failed and were retried item by item (for tests and metrics). */
  readonly stats = { singles: 0, batches: 0, items: 0, fallbacks: 0 };

  constructor(
    private readonly run: (items: readonly I[]) => Promise<readonly O[]>,
    private readonly runOne: (item: I) => Promise<O>,
    private readonly opts: {
      maxBatch: number;
      slots: number;
      key?: (item: I) => string;
      /** Send a lone item through `run` too (when that is the faster path), not `runOne`. */
      aloneAsBatch?: boolean;
    },
  ) {}

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.opts.slots && this.waiting.length) {
      const batch = this.take();
      this.inFlight++;
      void this.send(batch).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  /** The next batch: up to `maxBatch` items, never two with the same key (they go in a later batch). */
  private take() {
    const { maxBatch, key } = this.opts;
    if (!key) return this.waiting.splice(0, maxBatch);
    const seen = new Set<string>();
    const batch: typeof this.waiting = [];
    const rest: typeof this.waiting = [];
    for (const w of this.waiting) {
      const k = key(w.item);
      if (batch.length < maxBatch && !seen.has(k)) {
        seen.add(k);
        batch.push(w);
      } else rest.push(w);
    }
    this.waiting = rest;
    return batch;
  }

  private async send(batch: typeof this.waiting): Promise<void> {
    if (batch.length === 1 && !this.opts.aloneAsBatch) {
      this.stats.singles++;
      const [w] = batch;
      await this.runOne(w!.item).then(w!.resolve, w!.reject);
      return;
    }
    let results: readonly O[];
    this.stats.batches++;
    this.stats.items += batch.length;
    try {
      results = await this.run(batch.map((w) => w.item));
    } catch {
      this.stats.fallbacks++;
      // one item spoiled the batch: each goes alone, to get its own answer
      await Promise.all(batch.map((w) => this.runOne(w.item).then(w.resolve, w.reject)));
      return;
    }
    batch.forEach((w, i) => w.resolve(results[i]!));
  }
}

/** Statements in flight at once: the embedded database runs one at a time anyway, so
 *  everything that arrives meanwhile waits for the next batch; a server runs several. */
export const batchSlots = (db: { driver: 'pglite' | 'postgres' }) => (db.driver === 'pglite' ? 1 : 2);

/** One batcher per database handle (a module keeps its batchers here, keyed by the Db). */
export function perDb<D extends object, B>(make: (db: D) => B): (db: D) => B {
  const all = new WeakMap<D, B>();
  return (db) => {
    let b = all.get(db);
    if (!b) all.set(db, (b = make(db)));
    return b;
  };
}
