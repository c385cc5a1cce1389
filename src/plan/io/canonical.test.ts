import { describe, expect, test } from 'vitest';
import { toDense } from '../solve/csr.js';
import { parseCanonical, parseDemand, writeCanonical } from './canonical.js';
import { IoFileError, readCsv } from './csv.js';

const README = `sector,S1,S2,S3,final_demand,total_output
S1,10,20,5,65,100
S2,30,0,40,130,200
S3,0,50,10,90,150
labour,12.5,40,20,,
`;

/** The error a text raises, as "LINE: reason". */
function refusal(text: string, parse: (text: string) => unknown = parseCanonical): string {
  try {
    parse(text);
  } catch (e) {
    if (e instanceof IoFileError) return `${e.line}: ${e.reason}`;
    throw e;
  }
  return 'accepted';
}

describe('canonical IO CSV', () => {
  test('the README example reads as Z, d, x and labour', () => {
    const t = parseCanonical(README);
    expect(t.sectors).toEqual(['S1', 'S2', 'S3']);
    expect(toDense(t.flows)).toEqual([[10, 20, 5], [30, 0, 40], [0, 50, 10]]);
    expect(Array.from(t.finalDemand)).toEqual([65, 130, 90]);
    expect(Array.from(t.totalOutput)).toEqual([100, 200, 150]);
    expect(Array.from(t.labour!)).toEqual([12.5, 40, 20]);
    expect(t.largestMismatch.relative).toBe(0);
  });

  test('writing and reading back gives the same table; quoting, CRLF, BOM, empty cells', () => {
    const t = parseCanonical(`\ufeffsector,"A, farms",B,final_demand,total_output\r\n"A, farms",1,,9,10\r\nB,2,3,15,20\r\n`);
    expect(t.sectors).toEqual(['A, farms', 'B']);
    const again = parseCanonical(writeCanonical(t));
    expect(again.sectors).toEqual(t.sectors);
    expect(toDense(again.flows)).toEqual([[1, 0], [2, 3]]);
    expect(again.labour).toBeUndefined();
  });

  test('a quoted field may hold a line break; lines are counted from where records start', () => {
    expect(readCsv('a,"x\ny"\nb,c\n').map((r) => r.line)).toEqual([1, 3]);
  });

  test('trailing empty columns (a spreadsheet\'s trailing commas) are ignored', () => {
    const t = parseCanonical('sector,A,B,final_demand,total_output,,\nA,1,2,7,10,,\nB,0,0,5,5,,\nlabour,1,1,,,,\n');
    expect(t.sectors).toEqual(['A', 'B']);
    expect(Array.from(t.labour!)).toEqual([1, 1]);
  });

  test('no final_demand column: it is total output less the flows', () => {
    expect(Array.from(parseCanonical('sector,A,total_output\nA,2,10\n').finalDemand)).toEqual([8]);
  });

  test('bad tables are refused naming the line and the sector', () => {
    expect(refusal('')).toBe('1: the file is empty: expected a header "sector,S1,…,Sn,final_demand,total_output"');
    expect(refusal('sector,A,B,final_demand\nA,1,2,3\n')).toBe('1: the header has no total_output column');
    expect(refusal('sector,A,B,final_demand,total_output\nA,1,2,7,10\n')).toBe('1: not square: 2 sector columns but 1 sector rows (no row for B)');
    expect(refusal('sector,A,final_demand,total_output\nA,1,9,10\nB,1,9,10\n')).toBe('3: not square: row "B" is row 2 but the header has 1 sector columns');
    expect(refusal('sector,A,B,final_demand,total_output\nA,1,2,7,10\nC,1,2,7,10\n')).toBe('3: not square: row "C" is not a sector of the header (expected "B")');
    expect(refusal('sector,A,B,final_demand,total_output\nB,1,2,7,10\nA,1,2,7,10\n')).toBe('2: row "B" where "A" was expected: rows must come in the order of the columns');
    expect(refusal('sector,A,B,final_demand,total_output\nA,1,2,7\n')).toBe('2: row "A" has 4 fields but the header has 5');
    expect(refusal(README.replace('S2,30,0,40', 'S2,30,abc,40'))).toBe('3: flow from S2 to S2: "abc" is not a number');
    expect(refusal(README.replace('S2,30,0,40', 'S2,30,1.000,40').replace('S3,0,50', 'S3,0,5O'))).toBe('4: flow from S3 to S2: "5O" is not a number');
    expect(refusal(README.replace('S1,10,20,5,65', 'S1,10,-20,5,105'))).toBe('2: negative flow -20 from S1 to S2: flows between sectors must be ≥ 0');
    expect(refusal(README.replace('S3,0,50,10,90,150', 'S3,0,50,10,-60,0'))).toBe('4: sector S3 has total output 0 but uses inputs (its column sums to 55)');
    expect(refusal(README.replace('labour,12.5', 'labour,-12.5'))).toBe('5: negative labour -12.5 for sector S1');
    expect(refusal(README.replace('S2,30,0,40,130,200', 'S2,30,0,40,130,-200'))).toBe('3: negative total_output -200 for sector S2');
    expect(refusal(README.replace('S2,30,0,40,130,200', 'S2,30,0,40,150,200'))).toBe('3: sector S2: total_output 200 but flows + final_demand = 220 (off by 10.0 %, more than 0.1 %)');
    expect(refusal('sector,A,A,final_demand,total_output\n')).toBe('1: sector "A" is named twice in the header (columns 2 and 3)');
    expect(refusal(`${README}S4,1,1,1,,\n`)).toBe('6: row "S4" after the labour row: the labour row comes last');
  });

  test('the line named for zero output with inputs is the sector\'s own row', () => {
    // A sector with no output whose row is used (an import): accepted.
    expect(refusal('sector,A,B,final_demand,total_output\nA,0,3,-3,0\nB,0,0,5,5\n')).toBe('accepted');
    expect(refusal('sector,A,B,final_demand,total_output\nA,0,3,2,5\nB,0,0,0,0\n')).toBe('3: sector B has total output 0 but uses inputs (its column sums to 3)');
  });

  test('within 0.1 % the table is read and the largest mismatch reported', () => {
    const t = parseCanonical(README.replace('S2,30,0,40,130,200', 'S2,30,0,40,130.1,200'));
    expect(t.largestMismatch.sector).toBe('S2');
    expect(t.largestMismatch.relative).toBeCloseTo(0.0005, 10);
  });
});

describe('final-demand file', () => {
  const sectors = ['S1', 'S2', 'S3'];
  test('header optional, sectors not listed demand 0', () => {
    expect(Array.from(parseDemand('sector,final_demand\nS2,5\nS1,1.5\n', sectors))).toEqual([1.5, 5, 0]);
    expect(Array.from(parseDemand('S3,7\n', sectors))).toEqual([0, 0, 7]);
  });
  test('unknown sector, twice, not a number, wrong width: refused naming the line', () => {
    const p = (text: string) => parseDemand(text, sectors);
    expect(refusal('sector,final_demand\nS9,1\n', p)).toBe('2: unknown sector "S9": not in the table');
    expect(refusal('sector,final_demand\nS1,1\nS1,2\n', p)).toBe('3: sector S1 is listed twice (also on line 2)');
    expect(refusal('sector,final_demand\nS1,lots\n', p)).toBe('2: final_demand of S1: "lots" is not a number');
    expect(refusal('sector,final_demand\nS1,1,2\n', p)).toBe('2: expected 2 fields (sector,final_demand), got 3');
  });
});
