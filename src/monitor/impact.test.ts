import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { shortfallImpact, type IoView } from './impact.js';

// A worked example: wheat → flour → bread, flour → pasta; steel → tractors → wheat (a cycle).
// Planned outputs per day: wheat 1,000 t, flour 700 t, bread 900 t, pasta 200 t.
const A: Record<string, Record<string, number>> = {
  wheat: { flour: 1.3 },
  flour: { bread: 0.7, pasta: 0.9 },
  steel: { tractors: 2 },
  tractors: { wheat: 0.001 },
};
const X: Record<string, number> = { wheat: 1000, flour: 700, bread: 900, pasta: 200, steel: 50, tractors: 10 };
const io: IoView = {
  usersOf: (p) => Object.entries(A[p] ?? {}).map(([product, a]) => ({ product, a })),
  output: (p) => X[p] ?? 0,
};
const holdings = [
  { good: 'pan', product: 'bread', committeeId: 'jap-norte', households: 120, quantity: 120_000 },
  { good: 'fideos', product: 'pasta', committeeId: 'jap-sur', households: 80, quantity: 33_333 },
  { good: 'leche', product: 'milk', committeeId: 'jap-norte', households: 120, quantity: 50_000 },
];

describe('shortfall impact', () => {
  test('worked example: 250 t of wheat short puts a quarter of flour, bread and pasta at risk', () => {
    const r = shortfallImpact(io, { product: 'wheat', amount: 250 }, holdings);
    expect(r.share).toBe(0.25);
    expect(r.downstream).toEqual([
      { product: 'flour', depth: 1, via: 'wheat', share: 0.25, amount: 175 },
      { product: 'bread', depth: 2, via: 'flour', share: 0.25, amount: 225 },
      { product: 'pasta', depth: 2, via: 'flour', share: 0.25, amount: 50 },
    ]);
    // bread and pasta rations; milk is not made of wheat
    expect(r.rations.map((x) => [x.good, x.committeeId, x.atRisk])).toEqual([
      ['pan', 'jap-norte', 30_000],
      ['fideos', 'jap-sur', 8334],
    ]);
    expect(r.households).toBe(200);
  });

  test('a cycle is walked once; a shortfall beyond the plan is a share of 1; none is nothing', () => {
    const r = shortfallImpact(io, { product: 'steel', amount: 80 }, holdings);
    expect(r.share).toBe(1);
    expect(r.downstream.map((d) => `${d.product}@${d.depth}`)).toEqual(['tractors@1', 'wheat@2', 'flour@3', 'bread@4', 'pasta@4']);
    expect(shortfallImpact(io, { product: 'wheat', amount: 0 }, holdings)).toMatchObject({ share: 0, downstream: [], rations: [], households: 0 });
  });

  test('every product reached is at risk by the same share, never more than its plan', () => {
    fc.assert(
      fc.property(fc.constantFrom('wheat', 'flour', 'steel', 'tractors', 'bread'), fc.double({ min: 0, max: 5000, noNaN: true }), (p, amount) => {
        const r = shortfallImpact(io, { product: p, amount }, holdings);
        expect(r.share).toBeGreaterThanOrEqual(0);
        expect(r.share).toBeLessThanOrEqual(1);
        for (const d of r.downstream) expect(d.amount).toBeLessThanOrEqual(X[d.product]! + 1e-9);
        for (const x of r.rations) expect(x.atRisk).toBeLessThanOrEqual(x.quantity);
        expect(new Set(r.downstream.map((d) => d.product)).size).toBe(r.downstream.length);
      }),
    );
  });
});
