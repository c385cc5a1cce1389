import { describe, expect, test } from 'vitest';
import type { Election } from './ballots.js';
import { parseBlt, writeBlt } from './blt.js';

const errorOf = (text: string) => {
  try {
    parseBlt(text);
  } catch (e) {
    return { line: (e as { line: number }).line, reason: (e as { reason: string }).reason };
  }
  throw new Error('parsed');
};

describe('parseBlt', () => {
  test('reads the padded, quoted, CRLF council export', () => {
    const e = parseBlt('3 2   \r\n2 1 2 0     \r\n1 3 0\r\n3 1 2 0\r\n0\r\n"Ana ""La Negra"" PÉREZ"   \r\n"B"\r\n"C"\r\n"Ward 1"\r\n');
    expect(e.candidates).toEqual(['Ana "La Negra" PÉREZ', 'B', 'C']);
    expect(e.title).toBe('Ward 1');
    expect(e.ballots).toBe(6);
    expect(e.groups.map((g) => [[...g.ranking], g.count])).toEqual([[[0, 1], 5], [[2], 1]]); // identical rankings merged
  });

  test('reads unquoted "Name (Party)" names and withdrawn candidates', () => {
    const e = parseBlt('2 1\n-2\n4 1 2 0\n0\nYvonne ALLAN (Lab)\nBilly WATSON (NF)\nTorry/Ferryhill Ward');
    expect(e.candidates).toEqual(['Yvonne ALLAN (Lab)', 'Billy WATSON (NF)']);
    expect(e.withdrawn).toEqual([1]);
  });

  test('round-trips through writeBlt', () => {
    const e = parseBlt('3 1\n(a) 2 1 3 0\n1 2 0\n0\n"X"\n"Y"\n"Z"\n"T"\n');
    const again: Election = parseBlt(writeBlt(e));
    expect(again).toEqual(e);
  });

  test.each([
    ['', 1, 'empty file'],
    ['3\n0\n', 1, 'expected "<candidates> <seats>"'],
    ['2 3\n0\n"a"\n"b"\n', 1, '3 seats but only 2 candidates'],
    ['2 1\n1 1 2\n0\n"a"\n"b"\n', 2, 'must end with 0'],
    ['2 1\n1 1 3 0\n0\n"a"\n"b"\n', 2, 'preference "3" is not a candidate number 1–2'],
    ['2 1\n1 1 1 0\n0\n"a"\n"b"\n', 2, 'candidate 1 is ranked twice'],
    ['2 1\n1.5 1 0\n0\n"a"\n"b"\n', 2, 'weight, a whole number'],
    ['2 1\n1 1=2 0\n0\n"a"\n"b"\n', 2, 'equal rankings'],
    ['2 1\n1 1 0\n"a"\n"b"\n', 3, 'weight'],
    ['2 1\n1 1 0\n0\n"a"\n', 5, 'expected 2 candidate names, found 1'],
    ['2 1\n1 1 0\n0\n"a\n"b"\n', 4, 'not closed'],
    ['2 1\n1 1 0\n0\n"a"\n"b"\n"t"\nextra\n', 7, 'unexpected text after the title'],
  ])('names the line and the reason: %j', (text, line, reason) => {
    const err = errorOf(text);
    expect(err.line).toBe(line);
    expect(err.reason).toContain(reason);
  });
});
