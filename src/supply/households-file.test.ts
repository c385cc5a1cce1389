import { describe, expect, test } from 'vitest';
import { parseRegister, splitCsvLine } from './households-file.js';

const opts = { today: '2026-11-25', needs: ['infant', 'pregnancy'] };

describe('the household register file', () => {
  test('groups people into households; quotes, CRLF, BOM and blank lines are fine', () => {
    const f = parseRegister('\uFEFFhousehold,zone,address,name,birth_date,needs\r\nH1,Norte,"Pasaje 3, casa ""A""",Ana,1980-01-01,\r\n\r\nH1,Norte,"Pasaje 3, casa ""A""",Bebé,2026-09-01,infant;infant\r\n', opts);
    expect(f.errors).toEqual([]);
    expect(f.households).toEqual([
      {
        ref: 'H1',
        zone: 'Norte',
        address: 'Pasaje 3, casa "A"',
        line: 2,
        members: [
          { name: 'Ana', birthDate: '1980-01-01', needs: [], line: 2 },
          { name: 'Bebé', birthDate: '2026-09-01', needs: ['infant'], line: 4 },
        ],
      },
    ]);
  });

  test('every bad line is named with its field; the household of a bad line is left out', () => {
    const f = parseRegister(
      [
        'household,zone,address,name,birth_date,needs',
        'H1,Norte,P1,Ana,1980-02-30,',
        'H2,Norte,P2,Beto,1990-01-01,wings',
        'H3,Norte,P3,Caro,2030-01-01,',
        'H4,Norte,P4,Dani,1990-01-01,',
        'H4,Sur,P4,Eva,1991-01-01,',
        'H5,Norte,"P5,Fede,1990-01-01,',
        'H6,Norte,P6',
        'H7,Norte,P7,Gabi,1999-09-09,pregnancy',
      ].join('\n'),
      opts,
    );
    expect(f.errors).toEqual([
      { line: 2, field: 'birth_date', reason: 'is not a real date, got "1980-02-30"' },
      { line: 3, field: 'needs', reason: '"wings" is not a special need here (known: infant, pregnancy)' },
      { line: 4, field: 'birth_date', reason: 'is in the future, got "2030-01-01"' },
      { line: 6, field: 'zone', reason: 'differs from line 5 of the same household' },
      { line: 7, field: 'line', reason: 'a quote is not closed' },
      { line: 8, field: 'line', reason: 'has 3 fields; expected 6' },
    ]);
    expect(f.households.map((h) => h.ref)).toEqual(['H7']);
  });

  test('a wrong header is the first error', () => {
    expect(parseRegister('ref,name\nx,y', opts).errors).toEqual([{ line: 1, field: 'header', reason: 'must be household,zone,address,name,birth_date,needs' }]);
    expect(splitCsvLine('a, "b,c" ,d')).toEqual(['a', 'b,c', 'd']);
  });
});
