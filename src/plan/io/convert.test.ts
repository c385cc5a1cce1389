import { describe, expect, test } from 'vitest';
import { toDense } from '../solve/csr.js';
import { parseCanonical, writeCanonical } from './canonical.js';
import { IoFileError } from './csv.js';
import { convertBeaMakeUse, convertEurostat, convertOecd, type Conversion } from './index.js';

const file = (name: string, text: string) => ({ name, text });
const roundTrip = (c: Conversion) => parseCanonical(writeCanonical(c.table));
function refusal(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof IoFileError) return e.message;
    throw e;
  }
  return 'accepted';
}

describe('eurostat layout', () => {
  // Two products, label columns first (one of them numeric), output row P1, employment EMP.
  const table = `t_rows2,t_rows2_lab,numeric_label,iotables_row,farm,mill,households,exports,output_bp
cpa_a,Farming,1,farm,10,30,55,5,100
cpa_c,Milling,2,mill,20,40,130,10,200
P1,Output,3,output_bp,100,200,,,
D1,Compensation,4,compensation_employees,40,60,,,
EMP,Employment,5,employment_total,7,3,,,
`;

  test('sectors are the columns named like rows; x from P1; d = x − ΣZ; labour from EMP', () => {
    const c = convertEurostat([file('t.csv', table)]);
    const t = roundTrip(c);
    expect(t.sectors).toEqual(['farm', 'mill']);
    expect(toDense(t.flows)).toEqual([[10, 30], [20, 40]]);
    expect(Array.from(t.totalOutput)).toEqual([100, 200]);
    expect(Array.from(t.finalDemand)).toEqual([60, 140]);
    expect(Array.from(t.labour!)).toEqual([7, 3]);
    expect(c.notes).toContain('final demand = output − intermediate use, equal to the final-use columns');
  });

  test('no employment row: compensation of employees is the money proxy, and says so', () => {
    const c = convertEurostat([file('t.csv', table.replace(/EMP,.*\n/, ''))]);
    expect(Array.from(c.table.labour!)).toEqual([40, 60]);
    expect(c.notes.join('\n')).toMatch(/compensation of employees .* money proxy/);
  });

  test('a cell that is not a number is refused with FILE:LINE', () => {
    expect(refusal(() => convertEurostat([file('t.csv', table.replace('cpa_c,Milling,2,mill,20', 'cpa_c,Milling,2,mill,2O'))]))).toBe('t.csv:3: flow from mill to farm: "2O" is not a number');
  });
});

describe('oecd layout', () => {
  const table = `"","D01","D10T12","HFCE","EXPO","IMPO"
"TTL_01",1.5,30,60,10,-1.5
"TTL_10T12",2,20,180,8,-10
"TTL_INT_FNL",3.5,50,,,
"VALU",96.5,150,,,
"OUTPUT",100,200,,,
`;
  test('D<code> columns match TTL_<code> rows; d includes the negative IMPO through x − ΣZ', () => {
    const t = roundTrip(convertOecd([file('o.csv', table)]));
    expect(t.sectors).toEqual(['D01', 'D10T12']);
    expect(toDense(t.flows)).toEqual([[1.5, 30], [2, 20]]);
    expect(Array.from(t.finalDemand)).toEqual([68.5, 178]);
    expect(t.labour).toBeUndefined();
  });

  test('domestic and imported rows (DOM_, IMP_) add up to total use', () => {
    const split = `"","D01","D02","HFCE"\n"DOM_01",1,2,7\n"DOM_02",3,4,13\n"IMP_01",1,0,0\n"IMP_02",0,1,0\n"OUTPUT",10,20,\n`;
    const c = convertOecd([file('o.csv', split)]);
    expect(toDense(c.table.flows)).toEqual([[2, 2], [3, 5]]);
    expect(c.notes.join('\n')).toMatch(/domestic \(DOM_\) \+ imported \(IMP_\)/);
  });

  test('an industry with no output that uses inputs is refused on the OUTPUT line', () => {
    expect(refusal(() => convertOecd([file('o.csv', table.replace('"OUTPUT",100,200', '"OUTPUT",0,200'))]))).toBe('o.csv:6: sector D01 has output 0 but uses inputs (3.5)');
  });
});

describe('bea-make-use layout (industry-technology assumption)', () => {
  // Two commodities (c1, c2), two industries (i1 makes c1 and a little c2; i2 makes c2).
  const use = `"","i1","i2","T001","F01000","T004","T007"
"c1",10,20,30,70,70,100
"c2",5,15,20,80,80,100
"T005",15,35,50,,,
"V00100",40,30,,,,
"T008",110,90,,,,
`;
  const make = `"","c1","c2","T008"
"i1",100,10,110
"i2",NA,90,90
"T007",100,100,
`;

  test('Z = B·V with B = U / g and x = q, the make column sums; labour = Σ V00100 / g · V', () => {
    const c = convertBeaMakeUse([file('Make.csv', make), file('Use.csv', use)]);
    const t = roundTrip(c);
    expect(t.sectors).toEqual(['c1', 'c2']);
    const z = toDense(t.flows);
    // Z[c1][c1] = 10/110·100 + 20/90·0; Z[c1][c2] = 10/110·10 + 20/90·90.
    expect(z[0]![0]).toBeCloseTo((10 / 110) * 100, 12);
    expect(z[0]![1]).toBeCloseTo((10 / 110) * 10 + 20, 12);
    expect(Array.from(t.totalOutput)).toEqual([100, 100]);
    expect(t.labour![0]).toBeCloseTo((40 / 110) * 100, 12);
    expect(t.labour![1]).toBeCloseTo((40 / 110) * 10 + 30, 12);
  });

  test('files are told apart by name, else by the use table\'s T001/F… columns', () => {
    const byName = convertBeaMakeUse([file('Use.csv', use), file('Make.csv', make)]);
    const byContent = convertBeaMakeUse([file('a.csv', use), file('b.csv', make)]);
    expect(writeCanonical(byContent.table)).toBe(writeCanonical(byName.table));
  });

  test('a negative use moves to final demand (noted); a make row that is no use column is refused', () => {
    const c = convertBeaMakeUse([file('Make.csv', make), file('Use.csv', use.replace('"c2",5,15', '"c2",-5,15'))]);
    expect(Math.min(...c.table.flows.values)).toBeGreaterThanOrEqual(0);
    expect(c.notes.join('\n')).toMatch(/1 negative flows between sectors .* moved to final demand/);
    expect(refusal(() => convertBeaMakeUse([file('Make.csv', make.replace('"i2",NA', '"i3",NA')), file('Use.csv', use)]))).toBe('Make.csv:1: industry i2 of the use table has no row in the make table');
  });
});
