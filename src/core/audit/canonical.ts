/**
 * Canonical JSON: object keys sorted by UTF-16 code units, no whitespace, `undefined`
 * members dropped, non-finite numbers refused. The same value always gives the same
 * bytes, so the text can be hashed and re-hashed by any verifier (cf. RFC 8785).
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`cannot audit a non-finite number (${value})`);
      return JSON.stringify(value);
    case 'bigint':
      return value.toString();
    case 'object': {
      if (value instanceof Date) return JSON.stringify(value.toISOString());
      if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
      const keys = Object.keys(value as object)
        .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
        .sort();
      return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
    }
    default:
      throw new TypeError(`cannot audit a value of type ${typeof value}`);
  }
}
