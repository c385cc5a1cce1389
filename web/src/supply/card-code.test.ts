import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { cardCodeFrom, parseCardCode } from '../../../src/supply/card-code.js';
import { isCardSearch, readCardCode } from './card-code.js';

const symbols = '0123456789ABCDEFGHJKMNPQRSTVWXYZOIL -abc'.split('');
const typed = fc.array(fc.constantFrom(...symbols), { maxLength: 14 }).map((a) => a.join(''));
const issued = fc.uint8Array({ minLength: 6, maxLength: 6 }).map((bytes) => cardCodeFrom(bytes));

describe('readCardCode', () => {
  test('agrees with the server on every input: the same code, or refused', () => {
    fc.assert(fc.property(fc.oneof(typed, issued), (input) => {
      const ours = readCardCode(input);
      const server = parseCardCode(input);
      expect(ours.ok).toBe(server.ok);
      if (ours.ok && server.ok) expect(ours.code).toBe(server.code);
    }), { numRuns: 2000 });
  });

  test('reads a code as typed: lower case, spaces, O for 0', () => {
    fc.assert(fc.property(issued, (code) => {
      const sloppy = code.toLowerCase().replace('-', ' ').replace(/0/g, 'o');
      expect(readCardCode(sloppy)).toEqual({ ok: true, code });
    }));
  });

  test('says why a code is not one', () => {
    expect(readCardCode('7KQ4')).toEqual({ ok: false, reason: 'length', length: 4 });
    expect(readCardCode('7KQ4-M2XR9AB')).toEqual({ ok: false, reason: 'length', length: 11 });
    expect(readCardCode('7KQ4-M2XRZ1')).toEqual({ ok: false, reason: 'character', character: 'Z' });
  });

  test('one mistyped character is always caught', () => {
    fc.assert(fc.property(issued, fc.nat(8), fc.constantFrom(...'0123456789ABCDEFGHJKMNPQRSTVWXY'), (code, at, ch) => {
      const plain = code.replace('-', '');
      fc.pre(plain[at] !== ch);
      expect(readCardCode(plain.slice(0, at) + ch + plain.slice(at + 1))).toEqual({ ok: false, reason: 'check' });
    }));
  });
});

describe('isCardSearch', () => {
  test('a code, even mistyped, is a card; a name is a name', () => {
    fc.assert(fc.property(issued, (code) => {
      expect(isCardSearch(code)).toBe(true);
    }));
    expect(isCardSearch('7kq4 m2xr')).toBe(true);
    expect(isCardSearch('Rosa Díaz')).toBe(false);
    expect(isCardSearch('Juan Carlos')).toBe(false);
    expect(isCardSearch('pérez')).toBe(false);
  });
});

describe('cardInScan', () => {
  test('finds the code in a link, skipping pieces of the right shape that do not check', async () => {
    const { cardInScan } = await import('./card-scanner.js');
    fc.assert(fc.property(issued, (code) => {
      expect(cardInScan(`https://jap.example/abcdefghjk/${code}`)).toBe(code);
      expect(cardInScan(` ${code}\n`)).toBe(code);
    }));
  });
});
