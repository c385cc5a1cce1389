import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsImport from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';
import type { FieldError } from '../core/problem.js';

// ajv-formats is CommonJS; its default export arrives as the module object under NodeNext.
const addFormats = ((addFormatsImport as unknown as { default?: typeof addFormatsImport }).default ?? addFormatsImport) as unknown as (
  ajv: Ajv,
) => Ajv;

function makeAjv(coerce: boolean): Ajv {
  // Bodies are validated exactly as sent: unknown fields are refused (not silently
  // dropped) and "5" is not a number. Query strings and path parameters are text by
  // nature, so there scalars are coerced to the declared type.
  const ajv = new Ajv({
    allErrors: true,
    removeAdditional: false,
    useDefaults: true,
    coerceTypes: coerce ? 'array' : false,
    strict: false,
  });
  addFormats(ajv);
  return ajv;
}

const forBody = makeAjv(false);
const forText = makeAjv(true);

export const validatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) => {
  const fn: ValidateFunction = (httpPart === 'body' ? forBody : forText).compile(schema as object);
  return (data: unknown) => (fn(data) ? { value: data } : { error: Object.assign(new Error('validation'), { validation: fn.errors }) });
};

/** Turns ajv's errors into field errors: `body/scopes/0: must be one of …`. */
export function fieldErrors(part: string, errors: readonly ErrorObject[]): FieldError[] {
  const out: FieldError[] = [];
  for (const e of errors) {
    const path = e.instancePath.replace(/^\//, '');
    let field = [part, path].filter(Boolean).join('/');
    let reason = e.message ?? 'is invalid';
    switch (e.keyword) {
      case 'additionalProperties':
        field = [field, String(e.params.additionalProperty)].join('/');
        reason = 'is not a known field';
        break;
      case 'required':
        field = [field, String(e.params.missingProperty)].join('/');
        reason = 'is required';
        break;
      case 'anyOf':
        // the failing branches' own errors, listed beside it, say what is wrong
        continue;
      case 'const':
        reason = `must be ${JSON.stringify(e.params.allowedValue)}`;
        break;
      case 'enum':
        reason = `must be one of ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
        break;
    }
    if (!out.some((o) => o.field === field && o.reason === reason)) out.push({ field, reason });
  }
  return out;
}
