/** Random economies for the property tests of this folder (imported by tests only). */
import fc from 'fast-check';
import { columnSums, csrFromTriplets, type Csr } from './csr.js';

/** A random sparse A ≥ 0 (up to 30 sectors) whose largest column sums to `scale`. */
export const economyArb = (minScale: number, maxScale: number) =>
  fc
    .record({
      n: fc.integer({ min: 1, max: 30 }),
      scale: fc.double({ min: minScale, max: maxScale, noNaN: true }),
      entries: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.double({ min: 0.01, max: 1, noNaN: true })), { maxLength: 150 }),
      demand: fc.array(fc.integer({ min: 0, max: 100_000 }).map((v) => v / 100), { minLength: 30, maxLength: 30 }),
    })
    .map(({ n, scale, entries, demand }) => {
      const raw = csrFromTriplets(n, n, entries.map((e) => e[0] % n), entries.map((e) => e[1] % n), entries.map((e) => e[2]));
      const top = Math.max(0, ...columnSums(raw));
      const a: Csr = { ...raw, values: raw.values.map((v) => (v * scale) / top) };
      return { a, d: Float64Array.from(demand.slice(0, n)) };
    });

/** Productive by construction (every column sums to < 1), with a final demand d ≥ 0. */
export const productiveArb = economyArb(0.05, 0.95);
