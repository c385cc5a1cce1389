/**
 * Ration card codes: 10 characters from 31 symbols (Crockford's base-32 without Z; no I,
 * L, O or U — nothing to misread) in two groups, the last one a check character, e.g.
 * `7KQ4-M2XR9`. Nine random symbols (44 bits) make a code that cannot be guessed; the
 * check character (weighted sum mod 31, a prime as large as the alphabet) catches every
 * mistyped character and every swap of two neighbours before the server is asked. Pure:
 * the caller supplies the random bytes.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXY';
const BODY = 9;

/** A card code from at least 6 random bytes. */
export function cardCodeFrom(random: Uint8Array): string {
  if (random.length < 6) throw new RangeError('a card code needs 6 random bytes');
  let bits = 0n;
  for (let i = 0; i < 6; i++) bits = (bits << 8n) | BigInt(random[i]!);
  let body = '';
  for (let i = 0; i < BODY; i++) {
    body += ALPHABET[Number(bits % 31n)];
    bits /= 31n;
  }
  const code = body + ALPHABET[checkValue(body)];
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** Weighted sum mod 31: with symbols 0–30 and weights 1–9, any one wrong symbol or swap of neighbours changes it. */
function checkValue(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += (i + 1) * ALPHABET.indexOf(body[i]!);
  return sum % 31;
}

/**
 * Reads a code as typed or scanned: case, spaces and dashes do not matter, and the
 * letters people confuse with digits (O, I, L) are read as the digits. Returns the code
 * in its printed form, or a reason it cannot be one.
 */
export function parseCardCode(input: string): { ok: true; code: string } | { ok: false; reason: string } {
  const s = input
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (s.length !== BODY + 1) return { ok: false, reason: `a card code has ${BODY + 1} characters, e.g. 7KQ4-M2XR9` };
  for (const ch of s) if (!ALPHABET.includes(ch)) return { ok: false, reason: `"${ch}" is not a card code character` };
  if (ALPHABET.indexOf(s[BODY]!) !== checkValue(s.slice(0, BODY))) return { ok: false, reason: 'the check character does not match: a character is mistyped' };
  return { ok: true, code: `${s.slice(0, 4)}-${s.slice(4)}` };
}
