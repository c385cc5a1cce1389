import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { csvField, parseHouseholdsCsv } from './households-csv.js';

const HEADER = 'household,adults,children,infants,special';
const reason = (text: string) => {
  try {
    parseHouseholdsCsv(text);
  } catch (e) {
    return (e as Error).message;
  }
  return 'parsed';
};

describe('parseHouseholdsCsv', () => {
  test('reads the columns in file order', () => {
    const t = parseHouseholdsCsv(`${HEADER}\nh1,2,1,0,0\nh2,0,2,1,1\n`);
    expect(t.households).toEqual(['h1', 'h2']);
    expect([Array.from(t.adults), Array.from(t.children), Array.from(t.infants), Array.from(t.special)]).toEqual([
      [2, 0],
      [1, 2],
      [0, 1],
      [0, 1],
    ]);
  });

  test('a BOM, CRLF, blank lines, spaces around fields and quoted identifiers are accepted', () => {
    const t = parseHouseholdsCsv(`\ufeff household , adults,children ,infants,special\r\n\r\n  h1 , 2 ,1, 0 ,0 \r\n"Pérez, ""Ana""",1,0,0,1\r\n " spaced " ,1,0,0,0\r\n`);
    expect(t.households).toEqual(['h1', 'Pérez, "Ana"', ' spaced ']);
    expect(Array.from(t.adults)).toEqual([2, 1, 1]);
    expect(Array.from(t.special)).toEqual([0, 1, 0]);
  });

  test('errors name the line and the field', () => {
    expect(reason('')).toBe('line 1: header must be household,adults,children,infants,special');
    expect(reason('household,adults,children,special\nh,1,0,0\n')).toBe('line 1: header must be household,adults,children,infants,special');
    expect(reason(`${HEADER}\nh1,1,0,0,0\n\nh2,1,-1,0,0\n`)).toBe('line 4: children: must be a whole number ≥ 0, got "-1"');
    expect(reason(`${HEADER}\nh1,1.5,0,0,0\n`)).toBe('line 2: adults: must be a whole number ≥ 0, got "1.5"');
    expect(reason(`${HEADER}\nh1,1,0,,0\n`)).toBe('line 2: infants: must be a whole number ≥ 0, got ""');
    expect(reason(`${HEADER}\nh1,1,0,0,2\n`)).toBe('line 2: special: must be 0 or 1, got "2"');
    expect(reason(`${HEADER}\nh1,1,0,0\n`)).toBe('line 2: expected 5 fields (household,adults,children,infants,special), got 4');
    expect(reason(`${HEADER}\nh1,1,0,0,0\nh1,2,0,0,0\n`)).toBe('line 3: household: "h1" is a duplicate (first on line 2)');
    expect(reason(`${HEADER}\n ,1,0,0,0\n`)).toBe('line 2: household: must not be empty');
    expect(reason(`${HEADER}\n"h1,1,0,0,0\n`)).toBe('line 2: household: the quote is not closed');
    expect(reason(`${HEADER}\n"h"x,1,0,0,0\n`)).toBe('line 2: household: text after the closing quote');
    expect(reason(`${HEADER}\nh1,100001,0,0,0\n`)).toBe('line 2: adults: at most 100000, got "100001"');
  });

  test('any spacing, quoting and line ends read back the same rows', () => {
    const pad = fc.constantFrom('', ' ', '  ', '\t', '\u00a0');
    const rowArb = fc.record({
      id: fc.stringMatching(/^[A-Za-z0-9_-]{1,8}$/),
      quoted: fc.boolean(),
      counts: fc.tuple(fc.nat(30), fc.nat(30), fc.nat(30), fc.nat(1)),
      pads: fc.array(pad, { minLength: 10, maxLength: 10 }),
    });
    fc.assert(
      fc.property(fc.uniqueArray(rowArb, { selector: (r) => r.id, maxLength: 20 }), fc.constantFrom('\n', '\r\n'), fc.boolean(), (rows, eol, bom) => {
        const lines = rows.map(({ id, quoted, counts, pads }) =>
          [quoted ? `"${id}"` : id, ...counts].map((f, k) => `${pads[2 * k]}${f}${pads[2 * k + 1]}`).join(','),
        );
        const t = parseHouseholdsCsv(`${bom ? '\ufeff' : ''}${[HEADER, ...lines].join(eol)}${eol}`);
        expect(t.households).toEqual(rows.map((r) => r.id));
        expect(Array.from(t.adults)).toEqual(rows.map((r) => r.counts[0]));
        expect(Array.from(t.infants)).toEqual(rows.map((r) => r.counts[2]));
        expect(Array.from(t.special)).toEqual(rows.map((r) => r.counts[3]));
      }),
    );
  });

  test('csvField quotes only what needs it, and parses back', () => {
    expect([csvField('h1'), csvField('a,b'), csvField('say "hi"'), csvField(' x')]).toEqual(['h1', '"a,b"', '"say ""hi"""', '" x"']);
    fc.assert(
      fc.property(fc.string({ minLength: 1 }).filter((s) => !/[\r\n]/.test(s) && s.trim() !== ''), (id) => {
        expect(parseHouseholdsCsv(`${HEADER}\n${csvField(id)},1,0,0,0\n`).households).toEqual([id]);
      }),
    );
  });
});
