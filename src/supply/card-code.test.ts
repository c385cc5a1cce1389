import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { cardCodeFrom, parseCardCode } from './card-code.js';

describe('card codes', () => {
  test('a code reads back, however it is typed', () => {
    const code = cardCodeFrom(new Uint8Array([1, 2, 3, 4, 5, 6]));
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Y]{4}-[0-9A-HJKMNP-TV-Y]{6}$/);
    expect(parseCardCode(code)).toEqual({ ok: true, code });
    expect(parseCardCode(` ${code.toLowerCase().replace('-', ' ')} `)).toEqual({ ok: true, code });
  });

  test('one wrong character, or two neighbours swapped, is always caught', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 6, maxLength: 6 }), fc.nat(9), fc.nat(30), (bytes, pos, sub) => {
        const plain = cardCodeFrom(bytes).replace('-', '');
        const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXY';
        const wrong = alphabet[sub]!;
        if (wrong !== plain[pos]) {
          const typo = plain.slice(0, pos) + wrong + plain.slice(pos + 1);
          expect(parseCardCode(typo).ok).toBe(false);
        }
        if (pos < 9 && plain[pos] !== plain[pos + 1]) {
          const swapped = plain.slice(0, pos) + plain[pos + 1]! + plain[pos]! + plain.slice(pos + 2);
          expect(parseCardCode(swapped).ok).toBe(false);
        }
      }),
    );
  });

  test('bad input gets a reason', () => {
    expect(parseCardCode('ABC')).toEqual({ ok: false, reason: 'a card code has 10 characters, e.g. 7KQ4-M2XR9' });
    expect(parseCardCode('ABCD-EFGH*K')).toMatchObject({ ok: false, reason: '"*" is not a card code character' });
  });
});
