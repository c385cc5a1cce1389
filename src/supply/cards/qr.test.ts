import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { cardCodeFrom } from '../card-code.js';
import { darkRuns, qrMatrix, type QrMatrix } from './qr.js';

// A reader for version-1 symbols, written from ISO/IEC 18004 (not from the encoder), so
// the matrix is checked by reading it back: format information, mask, data codewords.
const EC_LEVEL = ['M', 'L', 'H', 'Q'] as const; // the two format bits 00, 01, 10, 11
const MASKS: ((r: number, c: number) => boolean)[] = [
  (r, c) => (r + c) % 2 === 0,
  (r) => r % 2 === 0,
  (_, c) => c % 3 === 0,
  (r, c) => (r + c) % 3 === 0,
  (r, c) => (Math.floor(r / 2) + Math.floor(c / 3)) % 2 === 0,
  (r, c) => ((r * c) % 2) + ((r * c) % 3) === 0,
  (r, c) => (((r * c) % 2) + ((r * c) % 3)) % 2 === 0,
  (r, c) => (((r + c) % 2) + ((r * c) % 3)) % 2 === 0,
];

/** BCH(15,5) remainder of the five format data bits, generator x¹⁰+x⁸+x⁵+x⁴+x²+x+1. */
function bch(data: number): number {
  let v = data << 10;
  for (let i = 14; i >= 10; i--) if (v & (1 << i)) v ^= 0x537 << (i - 10);
  return v;
}

function readFormat(m: QrMatrix): { ec: string; mask: number } {
  // around the top-left finder: row 8 left to right, then column 8 upwards (skipping timing)
  const cells: [number, number][] = [[8, 0], [8, 1], [8, 2], [8, 3], [8, 4], [8, 5], [8, 7], [8, 8], [7, 8], [5, 8], [4, 8], [3, 8], [2, 8], [1, 8], [0, 8]];
  let bits = 0;
  for (const [r, c] of cells) bits = (bits << 1) | (m.dark[r]![c] ? 1 : 0);
  bits ^= 0x5412;
  expect(bits & 0x3ff).toBe(bch(bits >> 10)); // the format information is self-consistent
  return { ec: EC_LEVEL[bits >> 13]!, mask: (bits >> 10) & 7 };
}

const isFunction = (r: number, c: number) => (r <= 8 && c <= 8) || (r <= 8 && c >= 13) || (r >= 13 && c <= 8) || r === 6 || c === 6;

function readVersion1(m: QrMatrix): string {
  expect(m.size).toBe(21);
  const { mask } = readFormat(m);
  const bits: number[] = [];
  let upward = true;
  for (let right = 20; right > 0; right -= 2) {
    if (right === 6) right = 5; // the vertical timing pattern takes a whole column
    for (let i = 0; i < 21; i++) {
      const r = upward ? 20 - i : i;
      for (const c of [right, right - 1]) if (!isFunction(r, c)) bits.push((m.dark[r]![c] ? 1 : 0) ^ (MASKS[mask]!(r, c) ? 1 : 0));
    }
    upward = !upward;
  }
  const data = bits.slice(0, 16 * 8); // 1-M: 16 data codewords, then 10 of error correction
  let at = 0;
  const take = (n: number) => data.slice(at, (at += n)).reduce((a, b) => (a << 1) | b, 0);
  const mode = take(4);
  const ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
  if (mode === 0b0010) {
    const count = take(9);
    let out = '';
    for (let i = 0; i + 1 < count; i += 2) {
      const v = take(11);
      out += ALNUM[Math.floor(v / 45)]! + ALNUM[v % 45]!;
    }
    if (count % 2) out += ALNUM[take(6)]!;
    return out;
  }
  if (mode === 0b0100) {
    const count = take(8);
    return new TextDecoder().decode(Uint8Array.from({ length: count }, () => take(8)));
  }
  throw new Error(`mode ${mode.toString(2)}`);
}

const finderAt = (m: QrMatrix, top: number, left: number) =>
  Array.from({ length: 7 }, (_, r) => Array.from({ length: 7 }, (_, c) => m.dark[top + r]![left + c]));
const FINDER = Array.from({ length: 7 }, (_, r) => Array.from({ length: 7 }, (_, c) => Math.max(Math.abs(r - 3), Math.abs(c - 3)) !== 2));

describe('QR codes of card codes', () => {
  test('a card code is a version-1 symbol (21 × 21) at level M with its three finder patterns', () => {
    const m = qrMatrix('7KQ4-M2XR9A');
    expect(m).toMatchObject({ size: 21, version: 1 });
    expect(readFormat(m).ec).toBe('M');
    expect(finderAt(m, 0, 0)).toEqual(FINDER);
    expect(finderAt(m, 0, 14)).toEqual(FINDER);
    expect(finderAt(m, 14, 0)).toEqual(FINDER);
    expect(readVersion1(m)).toBe('7KQ4-M2XR9A');
  });

  test('every card code reads back from its matrix', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 6, maxLength: 6 }), (bytes) => {
        const code = cardCodeFrom(bytes);
        const m = qrMatrix(code);
        expect(m.version).toBe(1);
        expect(readVersion1(m)).toBe(code);
      }),
      { numRuns: 200 },
    );
  });

  test('other text goes as UTF-8 bytes', () => {
    expect(readVersion1(qrMatrix('ñu-1'))).toBe('ñu-1');
    expect(qrMatrix('x'.repeat(100)).version).toBeGreaterThan(1);
  });

  test('the dark runs cover exactly the dark modules', () => {
    const m = qrMatrix('7KQ4-M2XR9A');
    const covered = m.dark.map((row) => row.map(() => false));
    for (const r of darkRuns(m)) for (let c = r.col; c < r.col + r.length; c++) covered[r.row]![c] = true;
    expect(covered).toEqual(m.dark);
  });
});
