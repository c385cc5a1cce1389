import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { BodySummary } from './api.js';
import { ancestorsOf, buildFederation, searchFederation } from './federation.js';

const body = (id: string, name: string, kind: BodySummary['kind'], parentId: string | null = null): BodySummary =>
  ({ id, name, kind, parentId, createdAt: '2026-01-01T00:00:00Z', members: 0 });

const santiago = [
  body('sumar', 'Sumar Algodón', 'workplace', 'vicuna'),
  body('legua', 'JAP La Legua', 'supply_committee', 'vicuna'),
  body('vicuna', 'Cordón Vicuña Mackenna', 'cordon', 'metro'),
  body('cerrillos', 'Cordón Cerrillos', 'cordon', 'metro'),
  body('metro', 'Consejo Regional Metropolitano', 'regional', 'assembly'),
  body('assembly', 'Asamblea Popular Nacional', 'national_assembly'),
  body('orphan', 'Comité huérfano', 'union', 'gone'),
];

describe('buildFederation', () => {
  test('the assembly is the root; children are sorted by level, then name; a body with a missing parent is a root', () => {
    const f = buildFederation(santiago);
    expect(f.roots).toEqual(['assembly', 'orphan']);
    expect(f.children.get('metro')).toEqual(['cerrillos', 'vicuna']);
    expect(f.children.get('vicuna')).toEqual(['legua', 'sumar']);
    expect(ancestorsOf(f, 'sumar')).toEqual(['assembly', 'metro', 'vicuna']);
  });

  const bodiesArb = fc
    .array(fc.tuple(fc.nat(12), fc.option(fc.nat(14), { nil: null }), fc.constantFrom('workplace', 'cordon', 'regional', 'national_assembly')), { maxLength: 15 })
    .map((rows) => {
      const seen = new Set<number>();
      return rows
        .filter(([id]) => !seen.has(id) && seen.add(id))
        .map(([id, parent, kind]) => body(`b${id}`, `Body ${id}`, kind as BodySummary['kind'], parent === null ? null : `b${parent}`));
    });

  test('every body appears exactly once, whatever the parents (cycles included)', () => {
    fc.assert(
      fc.property(bodiesArb, (bodies) => {
        const f = buildFederation(bodies);
        const placed = [...f.roots, ...[...f.children.values()].flat()];
        expect(placed.sort()).toEqual(bodies.map((b) => b.id).sort());
        for (const b of bodies) expect(ancestorsOf(f, b.id)).not.toContain(b.id);
      }),
    );
  });
});

describe('searchFederation', () => {
  test('ignores accents and case, and opens the way down to each match', () => {
    const f = buildFederation(santiago);
    const { matches, shown } = searchFederation(f, 'vicuna');
    expect([...matches]).toEqual(['vicuna']);
    expect([...shown].sort()).toEqual(['assembly', 'metro', 'vicuna']);
    expect(searchFederation(f, '  ').shown.size).toBe(0);
  });
});
