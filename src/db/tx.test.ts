import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { inlineStatement, sqlLiteral } from './tx.js';

describe('sqlLiteral', () => {
  test('doubles quotes and leaves backslashes alone (standard_conforming_strings = on)', () => {
    expect(sqlLiteral("O'Higgins \\ Bernardo")).toBe("'O''Higgins \\ Bernardo'");
    expect(sqlLiteral(null)).toBe('null');
    expect(sqlLiteral(new Date('2026-01-01T00:00:00Z'))).toBe("'2026-01-01T00:00:00.000Z'");
    expect(sqlLiteral(['a', "b'c"])).toBe("ARRAY['a','b''c']");
  });

  test('a string literal never closes early, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }).filter((s) => !s.includes('\0')), (s) => {
        const lit = sqlLiteral(s);
        // outside the outer quotes there is nothing, and inside every quote is doubled
        const inner = lit.slice(1, -1);
        expect(lit.startsWith("'") && lit.endsWith("'")).toBe(true);
        expect(inner.replaceAll("''", '')).not.toContain("'");
        expect(inner.replaceAll("''", "'")).toBe(s);
      }),
    );
  });

  test('refuses what cannot be written safely', () => {
    expect(() => sqlLiteral('a\0b')).toThrow(/NUL/);
    expect(() => sqlLiteral(Number.NaN)).toThrow();
    expect(() => sqlLiteral({})).toThrow();
  });

  test('inlines placeholders by number', () => {
    expect(inlineStatement({ text: 'select $2, $1, $10', values: ['a', 2, 3, 4, 5, 6, 7, 8, 9, 'ten'] })).toBe("select 2, 'a', 'ten'");
  });
});
