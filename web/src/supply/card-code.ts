/**
 * Ration card codes as the desk reads them, before (or without) asking the server: the
 * same rules as the server's `src/supply/card-code.ts` — case, spaces and dashes do not
 * matter, O reads as 0 and I, L as 1, and the last character checks the other nine — but
 * with reasons a person can be told in their own language. Pure.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXY';
const LENGTH = 10;

export type CardReading =
  | { ok: true; code: string }
  | { ok: false; reason: 'length'; length: number }
  | { ok: false; reason: 'character'; character: string }
  | { ok: false; reason: 'check' };

const squeeze = (input: string) => input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');

function checkValue(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += (i + 1) * ALPHABET.indexOf(body[i]!);
  return sum % 31;
}

/** The code in its printed form (`7KQ4-M2XR9`), or why `input` cannot be one. */
export function readCardCode(input: string): CardReading {
  const s = squeeze(input);
  if (s.length !== LENGTH) return { ok: false, reason: 'length', length: s.length };
  for (const ch of s) if (!ALPHABET.includes(ch)) return { ok: false, reason: 'character', character: ch };
  if (ALPHABET.indexOf(s[LENGTH - 1]!) !== checkValue(s.slice(0, LENGTH - 1))) return { ok: false, reason: 'check' };
  return { ok: true, code: `${s.slice(0, 4)}-${s.slice(4)}` };
}

/**
 * Whether the search box holds a card code (perhaps mistyped) rather than a name: any
 * digit makes it a code; ten letters in the card's shape are a code only when they check,
 * since "Juan Carlos" has that shape too.
 */
export function isCardSearch(input: string): boolean {
  const text = input.trim();
  if (/\d/.test(text)) return true;
  return /^[a-z]{4}[\s-]?[a-z]{6}$/i.test(text) && readCardCode(text).ok;
}
