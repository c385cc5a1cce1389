import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { canonicalJson } from './canonical.js';
import { merkleRoot, toHex } from './hash.js';

const sha = (...parts: Uint8Array[]) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return new Uint8Array(h.digest());
};

/** RFC 6962 §2.1 as written: split at the largest power of two smaller than n. */
function mth(leaves: Uint8Array[]): Uint8Array {
  if (leaves.length === 0) return sha();
  if (leaves.length === 1) return leaves[0]!;
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return sha(new Uint8Array([1]), mth(leaves.slice(0, k)), mth(leaves.slice(k)));
}

describe('merkleRoot', () => {
  test('equals the RFC 6962 recursive definition for every size', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ minLength: 32, maxLength: 32 }), { maxLength: 70 }), (leaves) => {
        expect(toHex(merkleRoot(leaves))).toBe(toHex(mth(leaves)));
      }),
    );
  });

  test('changes when any leaf changes', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ minLength: 32, maxLength: 32 }), { minLength: 1, maxLength: 40 }), fc.nat(), (leaves, i) => {
        const j = i % leaves.length;
        const altered = leaves.map((l, k) => (k === j ? l.map((b, n) => (n === 0 ? b ^ 1 : b)) : l));
        expect(toHex(merkleRoot(altered))).not.toBe(toHex(merkleRoot(leaves)));
      }),
    );
  });
});

describe('canonicalJson', () => {
  test('sorts keys and drops undefined, so equal values give equal text', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, undefined], c: 'x' }, z: undefined })).toBe('{"a":{"c":"x","d":[1,null]},"b":1}');
  });

  test('round-trips through JSON.parse for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const text = canonicalJson(v);
        expect(canonicalJson(JSON.parse(text))).toBe(text);
      }),
    );
  });

  test('refuses values that have no JSON form', () => {
    expect(() => canonicalJson({ x: Number.NaN })).toThrow(/non-finite/);
    expect(() => canonicalJson({ f: () => 1 })).toThrow(/function/);
  });
});
